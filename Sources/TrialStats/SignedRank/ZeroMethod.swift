/// How zero differences enter the signed-rank test.
///
/// - `wilcox` (the default; Wilcoxon 1945): zeros are dropped before ranking; n is the number of
///   nonzero differences. R and SPSS always do this; SciPy's `zero_method="wilcox"`.
/// - `pratt` (Pratt 1959): zeros are ranked with the other differences (so they push the other
///   ranks up), then their ranks are dropped; the test uses the nonzero differences' ranks. SciPy
///   `zero_method="pratt"`; coin `wilcoxsign_test(zero.method = "Pratt")` (coin's default).
/// - `zsplit`: zeros are ranked with the others and each zero's rank is split equally between the
///   positive and negative sums. SciPy `zero_method="zsplit"`.
///
/// References: F. Wilcoxon (1945), *Biometrics Bulletin* 1:80–83. J. W. Pratt (1959), "Remarks on
/// zeros and ties in the Wilcoxon signed rank procedures", *JASA* 54:655–667.
public enum ZeroMethod: String, CaseIterable, Sendable, Codable {
    case wilcox
    case pratt
    case zsplit
}
