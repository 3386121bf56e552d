/// The alternative hypothesis of a test, and the side of a one-sided confidence bound.
///
/// For a proportion or a location shift θ: `twoSided` tests θ ≠ θ₀ and gives a two-sided
/// interval; `less` tests θ < θ₀ and gives an upper bound, [0, U] (or (−∞, U]); `greater` tests
/// θ > θ₀ and gives a lower bound, [L, 1] (or [L, ∞)). The same convention as R's `alternative`
/// argument (`"two.sided"`, `"less"`, `"greater"`).
public enum Alternative: String, CaseIterable, Sendable, Codable {
    case twoSided = "two-sided"
    case less
    case greater
}
