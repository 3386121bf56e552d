import TrialStats

extension SurvivalReport {
    /// Every curve's steps with a group column: `km --format csv` and analyze's
    /// `tables/survival-steps.csv`.
    public func stepsCSV() -> CSVOutput {
        var out = CSVOutput(header: ["group", "time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"])
        for r in groups {
            for s in r.curve.steps {
                out.rows.append([.text(r.group), .number(s.time), .int(s.nRisk), .int(s.nEvent), .int(s.nCensor),
                                 .number(s.survival), .number(s.stdErr), .number(s.lower), .number(s.upper)])
            }
        }
        return out
    }

    /// One row per group: n, events, median with its interval, follow-up, unit, and the RMST
    /// columns when tau is set (analyze's `tables/survival.csv`).
    public func summaryCSV() -> CSVOutput {
        var header = ["group", "n", "events", "median", "median_lower", "median_upper", "follow_up_median", "follow_up_min", "follow_up_max", "unit"]
        if settings.tau != nil { header += ["rmst_tau", "rmst", "rmst_std_err", "rmst_lower", "rmst_upper"] }
        var out = CSVOutput(header: header)
        for r in groups {
            var row: [CSVOutput.Cell] = [.text(r.group), .int(r.curve.n), .int(r.curve.events), .number(r.median.estimate), .number(r.median.lower),
                                         .number(r.median.upper), .number(r.followUp.median), .number(r.followUp.minimum),
                                         .number(r.followUp.maximum), .text(settings.unit ?? "")]
            if let m = r.rmst { row += [.number(m.tau), .number(m.estimate), .number(m.stdErr), .number(m.lower), .number(m.upper)] }
            out.rows.append(row)
        }
        return out
    }

    /// Survival at each landmark, per group (analyze's `tables/survival-landmarks.csv`).
    public func landmarksCSV() -> CSVOutput {
        var out = CSVOutput(header: ["group", "time", "n_risk", "survival", "std_err", "lower", "upper"])
        for r in groups {
            for a in r.landmarks {
                out.rows.append([.text(r.group), .number(a.time), .int(a.nRisk), .number(a.survival), .number(a.stdErr), .number(a.lower), .number(a.upper)])
            }
        }
        return out
    }

    /// The group test in one row (analyze's `tables/logrank.csv`); nil without a test.
    public func logRankCSV() -> CSVOutput? {
        logRank.map { l in
            CSVOutput(header: ["chisq", "df", "p_value", "rho"], rows: [[.number(l.chisq), .int(l.df), .number(l.pValue), .number(l.rho)]])
        }
    }
}
