import TrialStats

extension SurvivalReport {
    /// The Kaplan–Meier figure of `km --plot` and of `analyze`'s km.svg / km.pdf: the shown
    /// curves (``shownCurves``), the report's time unit and its group test as the note
    /// (``KaplanMeierFigureOptions/comparisonNote(_:)``); `options` gives the rest.
    public func figure(_ options: KaplanMeierFigureOptions) -> KaplanMeierPlot {
        var options = options
        options.unitLabel = settings.unit
        options.note = logRank.map(KaplanMeierFigureOptions.comparisonNote)
        return KaplanMeierPlot(curves: shownCurves.map { ($0.group, $0.curve) }, options: options)
    }
}
