import Foundation

/// Tail probabilities of the rank sum from its characteristic function: the exact conditional
/// distribution of ``RankSumDistribution`` for samples too large for its dynamic programme
/// (500 + 500 tied observations in a fraction of a second, where the programme needs minutes).
///
/// **Method.** Let each of the N observations join the first sample independently, observation
/// i with probability πᵢ = aᵢ/(1 + aᵢ), aᵢ = exp(α + β·(cᵢ − c̄)) (cᵢ the reduced score). Given
/// that J = n₁ observations joined, every subset of size n₁ is equally likely whatever α and β,
/// so the conditional distribution of S = Σ cᵢ given J = n₁ is the permutation distribution.
/// The pair (J, S) has the characteristic function Φ(r, u) = Πₖ ((1 + aₖ e^{2πi(r/R + cₖu/U)})
/// /(1 + aₖ))^{tₖ} over the tie blocks k (score cₖ, size tₖ); a two-dimensional inverse discrete
/// Fourier transform of Φ on the R × U grid gives P(J ≡ n₁ mod R, S ≡ s mod U). α and β are
/// chosen (the saddlepoint, Newton's method on the convex log-partition function) so that the
/// independent model is centred on J = n₁ and on the tail's bound s = b; then the aliases
/// J = n₁ ± R, S = s ± U lie in tails of the independent model that Bernstein's and
/// Hoeffding's inequalities bound by e^{−L}, and the probabilities summed are near the centre,
/// where the transform's rounding error is relatively small (Pagano & Tritchler's
/// characteristic-function method with Keich's exponential shift). The count of subsets with
/// sum s is the tilted probability times Z·e^{−αn₁ − β(s − n₁c̄)}, Z = Πₖ(1 + aₖ)^{tₖ}.
/// Grid sizes are powers of two: R ≥ the bound's distance for J (or > N: no aliasing at all),
/// U ≥ twice the bound's distance for S (or more than the range of S: no aliasing). Each row u
/// of the grid adds the blocks' log-moduli from single-precision tables, strongest block first,
/// and is dropped once every |Φ(r, u)| < e^{−56} (a margin of 1 for their rounding); the rows kept
/// (a few dozen at 500 + 500) are summed in double precision from the start. The bound on the
/// error that the dropped rows, the aliases and the sums outside the window add is checked
/// against the tail computed: above 10⁻¹¹ of it, L is raised and the tail recomputed.
///
/// Cost: U/2 logarithms per block for the tables (at most 2²⁴ entries, 64 MB; further blocks
/// evaluated as needed), R additions per block for each row until it is dropped, one FFT of
/// length U; the rows are shared by two workers. 500 + 500 observations on a 0–20 scale: U = 2¹⁸,
/// R = 2⁷, about 0.2 s of CPU per tail.
///
/// **References:** M. Pagano and D. Tritchler (1983), On obtaining permutation distributions in
/// polynomial time, *JASA* 78:435–440; U. Keich (2005), sFFT: a faster accurate computation of
/// the p-value of the entropy score, *J. Comput. Biol.* 12:416–430; N. Nagarajan and U. Keich
/// (2009), Reliability and efficiency of algorithms for computing the significance of the
/// Mann–Whitney test, *Comput. Stat.* 24:605–622.
struct RankSumFourier: Sendable {
    /// Tie blocks: reduced score (c − c₁)/g ≥ 0 and size, ascending.
    let blocks: [(score: Int, size: Int)]
    /// Size of the sample whose scores are summed.
    let n1: Int
    /// Total number of observations.
    let total: Int
    /// The smallest original score c₁ and the common step g of the scores.
    let origin: Int, step: Int
    /// Smallest and largest reduced sums.
    let minimum: Int, maximum: Int

    init(groups: [(score: Int, size: Int)], n1: Int) {
        let origin = groups.first?.score ?? 0
        var g = 0
        for b in groups { g = gcd(g, b.score - origin) }
        let step = max(g, 1)
        blocks = groups.map { (($0.score - origin) / step, $0.size) }
        self.n1 = n1
        self.origin = origin
        self.step = step
        total = groups.reduce(0) { $0 + $1.size }
        var left = n1, low = 0
        for b in blocks where left > 0 { let m = min(left, b.size); low += m * b.score; left -= m }
        left = n1
        var high = 0
        for b in blocks.reversed() where left > 0 { let m = min(left, b.size); high += m * b.score; left -= m }
        minimum = low
        maximum = high
    }

    /// The reduced bound for S ≤ b (b in the original, doubled units).
    func reduced(_ bound: Int) -> Int {
        let d = bound - n1 * origin
        return d >= 0 ? d / step : -((-d + step - 1) / step)
    }

    /// The grid sizes and the tilt for P(S″ ≤ b″), and an estimate of the additions it needs.
    struct Plan {
        var alpha: Double, beta: Double, centre: Double
        var r: Int, u: Int
        var work: Double
    }

    /// Mean reduced score of one observation, rounded: the transform is taken of the centred
    /// sum Σ(c − c̄) = S″ − n₁c̄, whose spread under the independent model does not include
    /// that of J. A whole number between the smallest and largest reduced score (0 without
    /// observations), so it converts to `Int` exactly.
    private var meanScore: Double {
        total > 0 ? (Double(blocks.reduce(0) { $0 + $1.score * $1.size }) / Double(total)).rounded() : 0
    }

    /// The tilt centred on J = n₁ and S″ = b″ (untilted when b″ is at or above the mean), and
    /// the grid sizes for the tail bound e^{−L}.
    func plan(reducedBound b: Int, exponent l: Double) -> Plan {
        let mean = meanScore
        let exactMean = Double(blocks.reduce(0) { $0 + $1.score * $1.size }) / Double(total)
        var alpha = log(Double(n1) / Double(total - n1)), beta = 0.0
        // Tilted only below the mean (β < 0: the weights e^{−β(s − b)} of the sums below b are
        // then at most 1), towards b kept inside the range.
        if Double(b) < Double(n1) * exactMean {
            let target = min(max(Double(b), Double(minimum) + 0.5), Double(maximum) - 0.5) - Double(n1) * mean
            (alpha, beta) = saddlepoint(alpha: alpha, target: target, mean: mean)
            if !(beta < 0) || !alpha.isFinite { (alpha, beta) = (log(Double(n1) / Double(total - n1)), 0) }
        }
        var varJ = 0.0, varS = 0.0, centre = 0.0, hoeffdingS = 0.0, spread = 0.0, meanJ = 0.0
        for blk in blocks {
            let e = Double(blk.score) - mean
            let p = logistic(alpha + beta * e)
            let v = p * (1 - p) * Double(blk.size)
            varJ += v
            meanJ += p * Double(blk.size)
            varS += v * e * e
            centre += p * Double(blk.size) * Double(blk.score)
            hoeffdingS += Double(blk.size) * e * e
            spread = max(spread, abs(e))
        }
        func bernstein(_ variance: Double, _ range: Double) -> Double {
            let a = range * l / 3
            return a + (a * a + 2 * l * variance).squareRoot()
        }
        // The aliases of J = n₁ are n₁ ± R: at least the bound's distance from the tilted mean of J
        // (n₁ when Newton's method converged).
        let distanceJ = min(bernstein(varJ, 1), (l * Double(total) / 2).squareRoot()) + abs(meanJ - Double(n1))
        let distanceS = min(bernstein(varS, spread), (l * hoeffdingS / 2).squareRoot())
        // Distances past the total (or the width of S″) give the whole range either way; capping
        // them there first keeps the conversions to Int in range (NaN, from a failed tilt, too).
        let width = maximum - minimum + 1
        var r = nextPowerOfTwo(Int(distanceJ < Double(total) ? distanceJ.rounded(.up) : Double(total)) + 1)
        if r > total { r = nextPowerOfTwo(total + 1) }
        r = max(r, 8)
        var u = nextPowerOfTwo(Int(2 * distanceS < Double(width) ? (2 * distanceS).rounded(.up) : Double(width)) + 2)
        if u >= width { u = nextPowerOfTwo(width) }
        u = max(u, r)
        // Work, in nanoseconds of one core roughly: the tables (a logarithm per entry), the rows
        // (a row is typically dropped once Σ 2.8·tₖπₖ(1 − πₖ) over the blocks added passes 110;
        // blocks past the tables cost a logarithm per entry), the transform.
        let strengths = blocks.map { blk -> Double in
            let p = logistic(alpha + beta * (Double(blk.score) - mean))
            return 2.8 * Double(blk.size) * p * (1 - p)
        }.sorted(by: >)
        var needed = 0, accumulated = 0.0
        while needed < strengths.count && accumulated < 110 { accumulated += strengths[needed]; needed += 1 }
        let tabled = min(blocks.count, max(1, Self.tableEntries / (2 * u)))
        let rows = Double(u / 2 + 1)
        let work = Double(tabled) * rows * 20 + rows * Double(r) * (Double(min(needed, tabled)) * 0.3 + Double(max(0, needed - tabled)) * 20)
            + Double(u) * log2(Double(u)) * 5
        // Centre of S″ given J = n₁ under the tilt: the transform is of S″ − J·c̄.
        return Plan(alpha: alpha, beta: beta, centre: centre + (Double(n1) - meanJ) * mean, r: r, u: u, work: work)
    }

    /// At most this many single-precision table entries (64 MB).
    static let tableEntries = 1 << 24

    /// Estimated additions for P(S ≤ b) at the first exponent tried.
    func work(lowerTailUpTo bound: Int) -> Double {
        let b = reduced(bound)
        if b < minimum || b >= maximum { return 0 }
        return plan(reducedBound: b, exponent: Self.exponents[0]).work
    }

    /// The exponents L tried in turn until the error bound is met.
    static let exponents: [Double] = [32, 44, 60]

    /// P(S ≤ b), b in the original (doubled) units; nil if the error bound cannot be met.
    func lowerTail(_ bound: Int) -> Double? {
        let b = reduced(bound)
        if b < minimum { return 0 }
        if b >= maximum { return 1 }
        for l in Self.exponents {
            let plan = plan(reducedBound: b, exponent: l)
            if let p = tail(b, plan: plan, exponent: l) { return min(1, max(0, p)) }
        }
        return nil
    }

    /// Logistic function.
    private func logistic(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

    /// log(1 + eˣ) without overflow.
    private func softplus(_ x: Double) -> Double { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }

    /// Newton's method for E[J] = n₁, E[Σ(c − c̄)] = target under the independent model.
    private func saddlepoint(alpha a0: Double, target: Double, mean: Double) -> (Double, Double) {
        var alpha = a0, beta = 0.0
        func objective(_ a: Double, _ b: Double) -> Double {
            var f = -Double(n1) * a - target * b
            for blk in blocks { f += Double(blk.size) * softplus(a + b * (Double(blk.score) - mean)) }
            return f
        }
        var value = objective(alpha, beta)
        for _ in 0..<200 {
            var gj = -Double(n1), gs = -target, hjj = 0.0, hjs = 0.0, hss = 0.0
            for blk in blocks {
                let e = Double(blk.score) - mean, t = Double(blk.size)
                let p = logistic(alpha + beta * e), v = t * p * (1 - p)
                gj += t * p; gs += t * p * e
                hjj += v; hjs += v * e; hss += v * e * e
            }
            let det = hjj * hss - hjs * hjs
            guard det > 0, det.isFinite else { break }
            let da = -(hss * gj - hjs * gs) / det, db = -(hjj * gs - hjs * gj) / det
            if abs(gj) < 1e-9 * Double(total) && abs(gs) < 1e-9 * max(1, abs(target)) { break }
            var step = 1.0, accepted = false
            while step > 1e-12 {
                let v = objective(alpha + step * da, beta + step * db)
                if v <= value { alpha += step * da; beta += step * db; value = v; accepted = true; break }
                step /= 2
            }
            if !accepted { break }
        }
        return (alpha, beta)
    }

    /// The tail for one plan; nil if the error bound is not met.
    private func tail(_ b: Int, plan: Plan, exponent l: Double) -> Double? {
        let r = plan.r, u = plan.u, mean = meanScore
        let roots = UnitRoots(u)
        // Blocks, strongest first (variance of J they carry), with their weights aₖ.
        let order: [(score: Int, size: Int, a: Double, strength: Double)] = blocks.map { blk in
            let x = plan.alpha + plan.beta * (Double(blk.score) - mean)
            let p = logistic(x)
            let e = (blk.score - Int(mean)) % u
            return (e < 0 ? e + u : e, blk.size, exp(x), Double(blk.size) * p * (1 - p))
        }.sorted { $0.strength > $1.strength }
        let stride = u / r, strideShift = stride.trailingZeroBitCount, mask = u - 1
        let blockCount = order.count
        let tabledCount = min(blockCount, max(1, Self.tableEntries / (2 * u)))
        // Plain buffers for the workers: scores (centred, mod U), sizes, weights, and single-
        // precision tables of the real parts, each row written twice so that R values from any
        // offset are contiguous: table[k·2U + x·2R + y] = tₖ·log|(1 + aₖω^p)/(1 + aₖ)|,
        // p = x + (y mod R)·(U/R). They only decide which rows to drop (with a margin of 1 for
        // their rounding); the rows kept are summed in double precision from the start.
        let scores = SendableInts(.allocate(capacity: blockCount)), sizes = SendableInts(.allocate(capacity: blockCount))
        let weights = SendableDoubles(.allocate(capacity: blockCount))
        let table = SendableFloats(.allocate(capacity: tabledCount * 2 * u))
        defer {
            scores.pointer.deallocate(); sizes.pointer.deallocate(); weights.pointer.deallocate()
            table.pointer.deallocate()
        }
        for (k, blk) in order.enumerated() {
            scores.pointer[k] = blk.score; sizes.pointer[k] = blk.size; weights.pointer[k] = blk.a
        }
        for k in 0..<tabledCount {
            let base = table.pointer + k * 2 * u
            for p in 0...(u / 2) {
                let f = Float(roots.logMagnitude(order[k].a, order[k].size, p))
                var row = base + (p & (stride - 1)) * 2 * r, y = p >> strideShift
                row[y] = f
                row[y + r] = f
                if p > 0 && p < u / 2 {
                    let q = u - p
                    row = base + (q & (stride - 1)) * 2 * r
                    y = q >> strideShift
                    row[y] = f
                    row[y + r] = f
                }
            }
        }
        let cutoff = -55.0
        let half = u / 2
        let n1Index = n1 % r
        let workers = half >= 4096 && RankSumFourier.workers > 1 ? 2 : 1
        let outRe = SendableDoubles(.allocate(capacity: half + 1)), outIm = SendableDoubles(.allocate(capacity: half + 1))
        outRe.pointer.initialize(repeating: 0, count: half + 1)
        outIm.pointer.initialize(repeating: 0, count: half + 1)
        defer { outRe.pointer.deallocate(); outIm.pointer.deallocate() }
        let body: @Sendable (Int) -> Void = { worker in
            let scores = scores.pointer, sizes = sizes.pointer, weights = weights.pointer, table = table.pointer
            let accF = UnsafeMutablePointer<Float>.allocate(capacity: r)
            let accRe = UnsafeMutablePointer<Double>.allocate(capacity: r)
            let accIm = UnsafeMutablePointer<Double>.allocate(capacity: r)
            defer { accF.deallocate(); accRe.deallocate(); accIm.deallocate() }
            let drop = Float(cutoff - 1)
            var row = worker
            while row <= half {
                accF.initialize(repeating: 0, count: r)
                var alive = true
                for k in 0..<blockCount {
                    let p0 = (scores[k] &* row) & mask
                    let top: Float
                    if k < tabledCount {
                        let x0 = p0 & (stride - 1), y0 = p0 >> strideShift
                        top = addRow(accF, table + k * 2 * u + x0 * 2 * r + y0, r)
                    } else {
                        var m = -Float.infinity
                        for j in 0..<r {
                            accF[j] += Float(roots.logMagnitude(weights[k], sizes[k], (p0 + j * stride) & mask))
                            m = max(m, accF[j])
                        }
                        top = m
                    }
                    if top < drop { alive = false; break }
                }
                if alive {
                    accRe.initialize(repeating: 0, count: r)
                    accIm.initialize(repeating: 0, count: r)
                    for k in 0..<blockCount {
                        let p0 = (scores[k] &* row) & mask
                        for j in 0..<r {
                            let (fr, fi) = roots.logFactor(weights[k], sizes[k], (p0 + j * stride) & mask)
                            accRe[j] += fr; accIm[j] += fi
                        }
                    }
                    // G(u) = (1/R) Σᵣ Φ(r, u)·e^{−2πi r n₁/R}.
                    var gRe = 0.0, gIm = 0.0
                    for j in 0..<r where accRe[j] >= cutoff {
                        let m = exp(accRe[j])
                        let phase = accIm[j]
                        let (wc, ws) = roots.root(u - ((j * n1Index) % r) * stride)
                        let pr = m * cos(phase), pi = m * sin(phase)
                        gRe += pr * wc - pi * ws
                        gIm += pr * ws + pi * wc
                    }
                    outRe.pointer[row] = gRe / Double(r)
                    outIm.pointer[row] = gIm / Double(r)
                }
                row += workers
            }
        }
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: workers) { body($0) }
        } else {
            body(0)
        }
        var transformRe = [Double](repeating: 0, count: u), transformIm = [Double](repeating: 0, count: u)
        for row in 0...half { transformRe[row] = outRe.pointer[row]; transformIm[row] = outIm.pointer[row] }
        for row in 1..<half {
            transformRe[u - row] = transformRe[row]
            transformIm[u - row] = -transformIm[row]
        }
        // h(s) = (1/U) Σᵤ G(u) e^{−2πi us/U}.
        fourierTransform(&transformRe, &transformIm, roots: roots)
        // Window of residues: [lo, lo + U).
        let width = maximum - minimum + 1
        // A centre beyond [minimum − U, maximum + U] gives the same window as one at that edge (empty
        // above, starting at the minimum below); the clamp keeps the conversion in range.
        let centre = plan.centre.isNaN ? Double(minimum) : min(max(plan.centre.rounded(), Double(minimum - u)), Double(maximum + u))
        let lo = u >= width ? minimum : max(minimum, Int(centre) - u / 2)
        let top = min(b, lo + u - 1)
        var sum = 0.0
        if top >= lo {
            for s in lo...top {
                let h = transformRe[(s - n1 * Int(mean)) & (u - 1)] / Double(u)
                sum += plan.beta == 0 ? h : h * exp(-plan.beta * Double(s - b))
            }
        }
        // Error bound: aliases and tails beyond the window (e^{−L} each side, each dimension,
        // unless the grid covers the whole range), the rows dropped.
        var bound = Double(u) * exp(cutoff)
        if r <= total { bound += 2 * exp(-l) }
        if u < width { bound += 2 * exp(-l) }
        guard sum > 0, bound <= 1e-11 * sum else { return nil }
        var logZ = 0.0
        for blk in blocks { logZ += Double(blk.size) * softplus(plan.alpha + plan.beta * (Double(blk.score) - mean)) }
        let scale = logZ - plan.alpha * Double(n1) - plan.beta * (Double(b) - Double(n1) * mean) - logChoose(total, n1)
        return exp(log(sum) + scale)
    }

    /// Two workers where the processor has them.
    static let workers = ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1
}

/// A pointer handed to the workers of one transform (each writes its own rows).
private struct SendableDoubles: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
}

/// Single-precision values handed to the workers (read only).
private struct SendableFloats: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

/// acc[j] += row[j] for j < n; returns the largest acc[j].
@inline(__always)
private func addRow(_ acc: UnsafeMutablePointer<Float>, _ row: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
#if DEBUG
    var top = -Float.infinity
    for j in 0..<n { acc[j] += row[j]; top = max(top, acc[j]) }
    return top
#else
    // Eight lanes at a time (n is a power of two ≥ 8).
    var top = SIMD8<Float>(repeating: -.infinity)
    let source = UnsafeRawPointer(row), target = UnsafeMutableRawPointer(acc)
    var j = 0
    while j < n {
        let sum = target.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            + source.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
        target.storeBytes(of: sum, toByteOffset: j * 4, as: SIMD8<Float>.self)
        top.replace(with: sum, where: sum .> top)
        j += 8
    }
    return top.max()
#endif
}

/// Integers handed to the workers (read only).
private struct SendableInts: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int>
    init(_ pointer: UnsafeMutablePointer<Int>) { self.pointer = pointer }
}

/// The smallest power of two ≥ n (n ≥ 1).
private func nextPowerOfTwo(_ n: Int) -> Int {
    var p = 1
    while p < n { p <<= 1 }
    return p
}

/// cos and sin of 2πp/U from the half-angle sines, accurate to a few ulps for every p.
struct UnitRoots: Sendable {
    let count: Int
    /// sin(πp/U) and cos(πp/U) for p = 0…U/2.
    private let halfSin: [Double], halfCos: [Double]

    init(_ count: Int) {
        self.count = count
        let half = count / 2
        var s = [Double](repeating: 0, count: half + 1), c = [Double](repeating: 0, count: half + 1)
        for p in 0...half {
            // Angles up to π/4 directly; the rest by complement.
            if 4 * p <= count {
                let x = Double.pi * Double(p) / Double(count)
                s[p] = sin(x); c[p] = cos(x)
            } else {
                let x = Double.pi * Double(half - p) / Double(count)
                s[p] = cos(x); c[p] = sin(x)
            }
        }
        halfSin = s
        halfCos = c
    }

    /// (cos 2πp/U, sin 2πp/U).
    @inline(__always)
    func root(_ p: Int) -> (Double, Double) {
        let q = p & (count - 1)
        if q <= count / 2 {
            let s = halfSin[q], c = halfCos[q]
            return (1 - 2 * s * s, 2 * s * c)
        }
        let s = halfSin[count - q], c = halfCos[count - q]
        return (1 - 2 * s * s, -2 * s * c)
    }

    /// The real part of ``logFactor(_:_:_:)`` alone: t·log|(1 + a·e^{iθ})/(1 + a)|.
    @inline(__always)
    func logMagnitude(_ a: Double, _ t: Int, _ p: Int) -> Double {
        let q = p & (count - 1)
        let s = halfSin[q > count / 2 ? count - q : q]
        let w = a > 1 ? 1 / a : a
        let onePlus = 1 + w
        return 0.5 * Double(t) * log1p(-4 * w * s * s / (onePlus * onePlus))
    }

    /// t·log((1 + a·e^{iθ})/(1 + a)), θ = 2πp/U, its imaginary part reduced to (−π, π].
    /// For a > 1 through (1 + ae^{iθ})/(1 + a) = e^{iθ}(1 + a⁻¹e^{−iθ})/(1 + a⁻¹).
    @inline(__always)
    func logFactor(_ a: Double, _ t: Int, _ p: Int) -> (Double, Double) {
        let q = p & (count - 1)
        let mirrored = q > count / 2
        let i = mirrored ? count - q : q
        let s = halfSin[i], c = halfCos[i]
        let w = a > 1 ? 1 / a : a
        // |1 + w e^{iθ}|² = (1 + w)² − 4w sin²(θ/2); arg = atan2(w sin θ, 1 + w cos θ),
        // 1 + w cos θ = (1 − w) + 2w cos²(θ/2).
        let onePlus = 1 + w
        let re = 0.5 * Double(t) * log1p(-4 * w * s * s / (onePlus * onePlus))
        var im = Double(t) * atan2(2 * w * s * c, (1 - w) + 2 * w * c * c)
        if a > 1 {
            // t·θ − t·arg(1 + a⁻¹e^{iθ}), t·θ reduced exactly: 2π·((t·i) mod U)/U.
            let turns = (t % count) * i % count
            im = 2 * Double.pi * Double(turns) / Double(count) - im
        }
        im -= 2 * Double.pi * (im / (2 * Double.pi)).rounded()
        return (re, mirrored ? -im : im)
    }
}

/// In-place discrete Fourier transform with kernel e^{−2πi jk/n} (n a power of two, the size of
/// `roots`): iterative radix-2 decimation in time.
func fourierTransform(_ re: inout [Double], _ im: inout [Double], roots: UnitRoots) {
    let n = re.count
    precondition(n == roots.count && im.count == n && n & (n - 1) == 0)
    guard n > 1 else { return }
    var j = 0
    for i in 1..<n {
        var bit = n >> 1
        while j & bit != 0 { j ^= bit; bit >>= 1 }
        j |= bit
        if i < j { re.swapAt(i, j); im.swapAt(i, j) }
    }
    re.withUnsafeMutableBufferPointer { xr in
        im.withUnsafeMutableBufferPointer { xi in
            var length = 2
            while length <= n {
                let halfLength = length / 2, step = n / length
                var start = 0
                while start < n {
                    for k in 0..<halfLength {
                        let (c, s) = roots.root(n - k * step)  // e^{−2πik/length}
                        let a = start + k, b = a + halfLength
                        let tr = xr[b] * c - xi[b] * s, ti = xr[b] * s + xi[b] * c
                        xr[b] = xr[a] - tr; xi[b] = xi[a] - ti
                        xr[a] += tr; xi[a] += ti
                    }
                    start += length
                }
                length <<= 1
            }
        }
    }
}
