/// The nine sample-quantile definitions of Hyndman & Fan (1996), numbered as in R.
///
/// Every definition is a weighted average of two consecutive order statistics,
/// Q(p) = (1 − γ) x₍ⱼ₎ + γ x₍ⱼ₊₁₎, with j and γ determined by n, p and the type.
///
/// Which program uses which type by default:
/// - R `quantile()` and NumPy `percentile`/`quantile` (method "linear"), Excel
///   `QUARTILE.INC`/`PERCENTILE.INC`, Julia and pandas: **type 7**.
/// - SPSS (EXAMINE, "weighted average at x(n+1)p"), Minitab, Excel `QUARTILE.EXC`/`PERCENTILE.EXC`
///   and GraphPad Prism: **type 6**.
/// - SAS PROC UNIVARIATE / MEANS default `PCTLDEF=5` (empirical distribution function with
///   averaging): **type 2**; `PCTLDEF=1` is type 4, `PCTLDEF=2` is type 3, `PCTLDEF=3` is type 1,
///   `PCTLDEF=4` is type 6.
/// - Stata `summarize, detail` and `centile`: type 2 and type 6 respectively.
/// - Hyndman & Fan recommend **type 8** (approximately median-unbiased); type 9 is
///   approximately unbiased for normal data (Blom).
///
/// References: R. J. Hyndman and Y. Fan (1996), "Sample quantiles in statistical packages",
/// *The American Statistician* 50(4):361–365; R documentation `?quantile`; SAS/STAT User's
/// Guide, PROC UNIVARIATE, "Calculating Percentiles"; IBM SPSS Statistics Algorithms, EXAMINE;
/// Microsoft Excel function reference for QUARTILE.INC and QUARTILE.EXC.
public enum QuantileType: Int, CaseIterable, Sendable, Codable {
    /// Inverse of the empirical distribution function (SAS PCTLDEF=3).
    case type1 = 1
    /// Inverse of the empirical distribution function with averaging at discontinuities
    /// (SAS PCTLDEF=5, the SAS default).
    case type2 = 2
    /// Nearest even order statistic (SAS PCTLDEF=2).
    case type3 = 3
    /// Linear interpolation of the empirical distribution function, p(k) = k/n (SAS PCTLDEF=1).
    case type4 = 4
    /// Piecewise linear with p(k) = (k − 1/2)/n (hydrologists' Hazen).
    case type5 = 5
    /// p(k) = k/(n + 1): SPSS, Minitab, Excel QUARTILE.EXC (SAS PCTLDEF=4).
    case type6 = 6
    /// p(k) = (k − 1)/(n − 1): R, NumPy and Excel QUARTILE.INC default.
    case type7 = 7
    /// p(k) = (k − 1/3)/(n + 1/3): approximately median-unbiased (Hyndman & Fan's choice).
    case type8 = 8
    /// p(k) = (k − 3/8)/(n + 1/4): approximately unbiased for normal data (Blom).
    case type9 = 9

    /// R's default and the toolkit's default.
    public static let `default`: QuantileType = .type7

    /// Whether the definition is discontinuous in p (types 1–3 pick order statistics).
    public var isDiscontinuous: Bool { rawValue <= 3 }

    /// For the continuous types 4–9, the constants (α, β) of Q(p) with
    /// j = ⌊α + p(n + 1 − α − β)⌋, as in R and Hyndman & Fan's Table 1.
    var alphaBeta: (alpha: Double, beta: Double)? {
        switch self {
        case .type1, .type2, .type3: return nil
        case .type4: return (0, 1)
        case .type5: return (0.5, 0.5)
        case .type6: return (0, 0)
        case .type7: return (1, 1)
        case .type8: return (1.0 / 3.0, 1.0 / 3.0)
        case .type9: return (3.0 / 8.0, 3.0 / 8.0)
        }
    }
}
