import TrialStats

extension SurvivalPlan {
    /// The columns the plan names, as `km` would be given them: `end: [a, b]` lists end
    /// columns, `event: first-end` derives the event.
    public var input: SurvivalInput {
        let columns: SurvivalInput.Times
        switch times {
        case let .time(column): columns = .column(column.value)
        case let .dates(start, end): columns = .dates(start: start.value, ends: ([end] + endFallbacks).map(\.value))
        }
        return SurvivalInput(times: columns, event: eventFromFirstEnd ? .firstEnd : .column(event.value), unit: unit)
    }

    /// What is read off the curves: the plan's landmarks, tau, interval type and ρ, the median as
    /// R `print(survfit)` prints it, times in the plan's unit.
    public func settings(confLevel: Double) -> SurvivalReport.Settings {
        SurvivalReport.Settings(confType: confType, confLevel: confLevel, medianRule: .print, landmarks: landmarks, tau: tau,
                                rho: rho, unit: unit.rawValue)
    }

    /// The figure settings of the plan: its label as the endpoint, bands, title, median lines and
    /// time axis (the unit and the group test come from the report, see ``SurvivalReport/figure(_:)``).
    public var figureOptions: KaplanMeierFigureOptions {
        KaplanMeierFigureOptions(title: figure.title, endpoint: label, bands: bands, medianLines: figure.medianLines,
                                 timeMax: figure.timeMax, timeStep: figure.timeStep)
    }
}
