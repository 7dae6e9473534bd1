enum StationModelPlaceholder {}
