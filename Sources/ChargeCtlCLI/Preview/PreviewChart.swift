import StationModel

/// The SVG chart of a preview (filled in by the chart renderer).
enum PreviewChart {
    static func render(_ preview: SitePreview) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"
    }
}
