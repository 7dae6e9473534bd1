extension String {
    /// The text without leading and trailing whitespace (spaces, tabs, line breaks): how a typed value, a site
    /// file field and a station's reported configuration value are read. Stdlib only, so the cores need no
    /// Foundation for it.
    public var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
