/// The report as one self-contained HTML file: inline CSS (A4 print via `@page`) and inline SVG, no script and
/// no address of any kind, so it opens offline and prints as it shows.
enum VerifyHTML {
    static let style = """
        @page { size: A4; margin: 14mm 12mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; max-width: 190mm; margin: 0 auto; }
        h1 { font-size: 17pt; margin-bottom: 4pt; } h2 { font-size: 13pt; margin-top: 16pt; border-bottom: 1px solid #bbb; }
        h3 { font-size: 11pt; margin-top: 10pt; }
        table { border-collapse: collapse; width: 100%; margin: 4pt 0; page-break-inside: auto; }
        tr { page-break-inside: avoid; } th, td { border: 1px solid #ccc; padding: 2pt 4pt; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; } tr.fail td:first-child { color: #b00000; font-weight: bold; }
        tr.warn td:first-child { color: #a05a00; font-weight: bold; } tr.pass td:first-child { color: #1a7a1a; }
        tr.fail td { background: #fff3f3; }
        figure { margin: 8pt 0; page-break-inside: avoid; } figcaption { font-size: 9pt; color: #555; }
        svg { max-width: 100%; height: auto; }
        """

    static func render(_ document: VerifyDocument) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(escape(document.title))</title>\n"
        html += "<style>\n\(style)\n</style>\n</head>\n<body>\n"
        for block in document.blocks {
            switch block {
            case let .heading(level, text): html += "<h\(level)>\(escape(text))</h\(level)>\n"
            case let .paragraph(text): html += "<p>\(escape(text))</p>\n"
            case let .table(id, headers, rows, classes):
                html += "<table\(id.map { " id=\"\(escape($0))\"" } ?? "")>\n"
                if headers.contains(where: { !$0.isEmpty }) {
                    html += "<thead><tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n"
                }
                html += "<tbody>\n"
                for (index, row) in rows.enumerated() {
                    let rowClass = index < classes.count ? classes[index] : nil
                    html += "<tr\(rowClass.map { " class=\"\(escape($0))\"" } ?? "")>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
                }
                html += "</tbody>\n</table>\n"
            case let .chart(caption, svg):
                html += "<figure class=\"chart\">\n\(svg)<figcaption>\(escape(caption))</figcaption>\n</figure>\n"
            }
        }
        return html + "</body>\n</html>\n"
    }

    static func escape(_ text: String) -> String { SVGWriter.escape(text) }
}

/// The report in Markdown: the same blocks; a chart is described, its data is in the JSON result.
enum VerifyMarkdown {
    static func render(_ document: VerifyDocument) -> String {
        var lines: [String] = []
        for block in document.blocks {
            switch block {
            case let .heading(level, text): lines += [String(repeating: "#", count: level) + " " + text, ""]
            case let .paragraph(text): lines += [text, ""]
            case let .table(_, headers, rows, _):
                lines.append("| " + headers.map(cell).joined(separator: " | ") + " |")
                lines.append("|" + headers.map { _ in " --- |" }.joined())
                lines += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
                lines.append("")
            case let .chart(caption, _):
                lines += ["*Chart: \(caption) — drawn in the HTML report; the samples are in the JSON result's `live`.*", ""]
            }
        }
        return lines.joined(separator: "\n")
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
