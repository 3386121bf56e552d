/// Agresti–Coull bounds: the Wald form around the adjusted proportion.
///
/// ñ = n + z², p̃ = (x + z²/2)/ñ, bounds p̃ ∓ z √(p̃(1 − p̃)/ñ), truncated to [0, 1]
/// (z = z₁₋α/₂ two-sided, z₁₋α one-sided). The interval always contains x/n.
///
/// **Matches** the same formula computed with R `qnorm` in `Fixtures/reference/binomial.R`
/// (the truncated form, as statsmodels' `proportion_confint(method = "agresti_coull")` documents).
///
/// **Reference:** A. Agresti and B. A. Coull (1998), "Approximate is better than 'exact' for
/// interval estimation of binomial proportions", *The American Statistician* 52(2):119–126.
func agrestiCoullBounds(_ x: Int, _ n: Int, _ confLevel: Double, _ alternative: Alternative) throws(StatisticsError) -> (Double, Double) {
    let z = try criticalZ(confLevel, alternative)
    let adjustedN = Double(n) + z * z
    let adjusted = (Double(x) + z * z / 2) / adjustedN
    let half = z * (adjusted * (1 - adjusted) / adjustedN).squareRoot()
    return sided(max(0, adjusted - half), min(1, adjusted + half), alternative)
}
