import Foundation

/// Reads reference files under Fixtures/ (relative to this source file, so tests need no
/// resources bundle and no R).
enum ReferenceFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func json(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent(relativePath))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return object
    }
}

/// Relative agreement: |a − b| ≤ tol · max(|a|, |b|), or both tiny in absolute terms.
func agrees(_ a: Double, _ b: Double, relative tol: Double, absolute: Double = 0) -> Bool {
    if a == b { return true }
    return abs(a - b) <= max(tol * max(abs(a), abs(b)), absolute)
}

/// The exact `Double` of a JSON number. Foundation's JSONSerialization on Linux returns
/// NSDecimalNumber for long decimals, whose `doubleValue` can be off by an ulp or more
/// (0.30000000000000004 reads as 0.3000000000000001); its text is exact, so it is re-parsed.
func exactDouble(_ value: Any?) -> Double? {
    guard let number = value as? NSNumber else { return nil }
    return Double(number.stringValue) ?? number.doubleValue
}

extension Dictionary where Key == String, Value == Any {
    func double(_ key: String) -> Double? { exactDouble(self[key]) }
    func doubles(_ key: String) -> [Double] { (self[key] as? [Any] ?? []).compactMap(exactDouble) }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
}
