import Foundation
import TestSupport

/// Fixtures/reference/km_issue12.json, written by km_issue12.R (R 4.2.2, survival 3.5.3): log-rank
/// with groups that have no expected events, landmarks with `extend = TRUE`, and medians by the
/// `print(survfit)` and `quantile(survfit)` rules.
struct SurvivalConventionsFixture: Decodable {
    struct GeneratedBy: Decodable { var R: String; var survival: String }
    struct LogRankTest: Decodable {
        var rho: Double; var chisq: Double; var df: Int; var p_value: Double
        var observed: [Double]; var expected: [Double]
    }
    struct LogRankCase: Decodable {
        var name: String; var time: [Double]; var status: [Int]; var group: [String]; var labels: [String]
        var tests: [LogRankTest]
    }
    struct LandmarkFit: Decodable {
        var conf_type: String; var time: [Double]; var n_risk: [Int]; var surv: [Double?]
        var std_err: [Double?]; var lower: [Double?]; var upper: [Double?]
    }
    struct LandmarkCase: Decodable {
        var name: String; var time: [Double]; var status: [Int]; var requested: [Double]; var fits: [LandmarkFit]
    }
    struct MedianFit: Decodable {
        var conf_type: String
        var print_median: Double?; var print_lower: Double?; var print_upper: Double?
        var quantile_median: Double?; var quantile_lower: Double?; var quantile_upper: Double?
    }
    struct MedianCase: Decodable {
        var name: String; var source: String; var time: [Double]; var status: [Int]; var fits: [MedianFit]
    }
    var generated_by: GeneratedBy
    var logrank: [LogRankCase]
    var landmarks: [LandmarkCase]
    var medians: [MedianCase]

    static let shared: SurvivalConventionsFixture? = {
        guard let data = try? Data(contentsOf: ReferenceFixtures.root.appendingPathComponent("reference/km_issue12.json")) else { return nil }
        return try? JSONDecoder().decode(SurvivalConventionsFixture.self, from: data)
    }()
}
