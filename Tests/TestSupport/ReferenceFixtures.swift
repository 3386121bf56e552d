import Foundation
import Testing

/// Reads reference files under `Fixtures/` (found relative to this source file, so tests need
/// no resource bundle and no R).
///
/// Reference values are decoded into typed models with `JSONDecoder`, which reads every JSON
/// number as the exact IEEE-754 double its text names (`0.30000000000000004` stays that double).
public enum ReferenceFixtures {
    /// The package's `Fixtures/` folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The file at `relativePath` under `Fixtures/`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The text of the file at `relativePath` under `Fixtures/`.
    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// The JSON file at `relativePath` under `Fixtures/`, decoded as `T`.
    public static func decode<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(relativePath)))
    }
}

/// Fixtures/reference/compare_ranksum_large.json (compare_ranksum_large.R: coin 1.4.2
/// `wilcox_test(distribution = "exact")`, R 4.2.2), typed.
public struct RankSumLargeReference: Decodable, Sendable {
    public var cases: [Case]

    /// One tied sample pair, an alternative and coin's exact conditional p-value.
    public struct Case: Decodable, Sendable, CustomTestStringConvertible {
        public var name: String
        public var alternative: String
        public var x: [Double]
        public var y: [Double]
        public var coinP: Double
        enum CodingKeys: String, CodingKey { case name, alternative, x, y, coinP = "coin_p" }
        public var testDescription: String { "\(name) \(alternative)" }
    }

    /// The decoded file, or nil when it cannot be read (the tests that use it say so).
    public static let loaded: RankSumLargeReference? = try? ReferenceFixtures.decode(RankSumLargeReference.self, "reference/compare_ranksum_large.json")
    /// Its cases; none when it cannot be read.
    public static var cases: [Case] { loaded?.cases ?? [] }
}

/// Fixtures/reference/analyze_compare.json (R 4.2.2 and coin 1.4.2, analyze_compare.R): the
/// p-value of each baseline variable of the bundled cohort across its three baskets and across
/// SLE and SSc.
public struct AnalyzeCompareReference: Decodable, Sendable {
    /// One variable's test as R ran it.
    public struct Value: Decodable, Sendable {
        public var test: String
        public var statistic: Double?
        public var df: Double?
        public var p_value: Double
    }
    public var software: String
    public var castle: [String: Value]
    public var two_baskets: [String: Value]

    /// The decoded file.
    public static func load() throws -> AnalyzeCompareReference {
        try ReferenceFixtures.decode(AnalyzeCompareReference.self, "reference/analyze_compare.json")
    }
}

/// Relative agreement: |a − b| ≤ tol · max(|a|, |b|), or within `absolute`.
public func agrees(_ a: Double, _ b: Double, relative tol: Double, absolute: Double = 0) -> Bool {
    if a == b { return true }
    return abs(a - b) <= max(tol * max(abs(a), abs(b)), absolute)
}

/// Agreement of two optional values: both absent, or both present and agreeing.
public func agrees(_ a: Double?, _ b: Double?, relative tol: Double, absolute: Double = 0) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return agrees(x, y, relative: tol, absolute: absolute)
    default: return false
    }
}

/// The exact `Double` of a number from `JSONSerialization`. Foundation on Linux returns
/// NSDecimalNumber for long decimals, whose `doubleValue` can be off by an ulp or more
/// (0.30000000000000004 reads as 0.3000000000000001); its text is exact, so it is re-parsed.
public func exactDouble(_ value: Any?) -> Double? {
    guard let number = value as? NSNumber else { return nil }
    return Double(number.stringValue) ?? number.doubleValue
}

/// A JSON object from text (a command's `--format json` output).
public func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw CocoaError(.fileReadCorruptFile)
    }
    return object
}

/// A number as the reference scripts write R's and SciPy's values: a JSON number, `null` (NA,
/// NaN), or the strings `"Inf"` / `"-Inf"` for infinite bounds.
public struct RNumber: Decodable, Sendable, Equatable {
    /// The value; nil for `null` or an unknown string.
    public var value: Double?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let text = try? container.decode(String.self) {
            value = text == "Inf" ? .infinity : (text == "-Inf" ? -.infinity : nil)
        } else {
            value = try container.decode(Double.self)
        }
    }

    /// The value when it is a finite number; nil for `null` and ±∞.
    public var finite: Double? { value.flatMap { $0.isFinite ? $0 : nil } }
}

/// A numeric vector as the reference scripts write an R vector: an array, or a bare number for a
/// vector of length 1 (jsonlite's `auto_unbox`, json_writer.R).
public struct RVector: Decodable, Sendable, Equatable {
    public var values: [Double]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(Double.self) {
            values = [single]
        } else {
            values = try container.decode([Double].self)
        }
    }
}
