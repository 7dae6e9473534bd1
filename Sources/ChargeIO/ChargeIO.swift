enum ChargeIOPlaceholder {}
