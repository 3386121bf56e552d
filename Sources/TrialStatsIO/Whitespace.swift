/// Whether a Unicode scalar is in Foundation's `CharacterSet.whitespaces` (as swift-corelibs-
/// foundation defines it, enumerated over every scalar): the tab U+0009, the space separators
/// U+0020, U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000, and the zero-width space
/// U+200B. Line and paragraph separators, CR and LF are not.
@inline(__always)
func isHorizontalWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

/// `text.trimmingCharacters(in: .whitespaces)` without Foundation's bridging: the text without
/// leading and trailing ``isHorizontalWhitespace(_:)`` scalars. A text with none (almost every
/// cell of a data file) is returned as it is, with no copy.
///
/// Reading a numeric column of 10⁶ cells spent more than half its time in Foundation's trimming
/// (NSString bridging per cell); this is the same result at a small fraction of the cost
/// (`WhitespaceTests` compares the two on every kind of whitespace).
public func trimmingWhitespace(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.first, let last = scalars.last else { return text }
    if !isHorizontalWhitespace(first) && !isHorizontalWhitespace(last) { return text }
    var start = scalars.startIndex, end = scalars.endIndex
    while start < end && isHorizontalWhitespace(scalars[start]) { start = scalars.index(after: start) }
    while end > start {
        let before = scalars.index(before: end)
        guard isHorizontalWhitespace(scalars[before]) else { break }
        end = before
    }
    return String(scalars[start..<end])
}
