import Foundation
import Testing
import TestSupport

/// `compare --test auto` reads a column's type as `analyze` does: numbers are ranked, text and
/// binary 0/1 codes are counted.
@Suite("compare --test auto: a 0/1 column is binary")
struct CompareAutoTests {
    @Test("a 0/1 column gets Fisher's exact test, as --test fisher and analyze's Table 1 give it; a numeric one is ranked")
    func binaryCodesAreCounted() throws {
        let cohort = CLI.fixture("castle/cohort.csv")
        func result(_ column: String, _ test: String) throws -> [String: Any] {
            let run = try CLI.run(["compare", cohort, "--column", column, "--by", "basket", "--test", test, "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            return try #require((try jsonObject(run.stdout)["results"] as? [[String: Any]])?.first)
        }
        for column in ["kidney", "lungs"] {
            let auto = try result(column, "auto"), fisher = try result(column, "fisher")
            #expect(auto["test"] as? String == "fisher" && exactDouble(auto["p_value"]) == exactDouble(fisher["p_value"]), "\(column)")
            // R 4.2: fisher.test(table(kidney, basket)) (Fixtures/reference/analyze_compare.json).
            let r = try #require(try AnalyzeCompareReference.load().castle[column])
            let p = try #require(exactDouble(auto["p_value"]))
            #expect(r.test == "fisher" && agrees(p, r.p_value, relative: 1e-9), "\(column)")
        }
        let age = try result("age", "auto")
        #expect(age["test"] as? String == "kruskal")
    }
}
