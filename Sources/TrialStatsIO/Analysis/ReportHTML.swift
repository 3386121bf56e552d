import Foundation
import Mustache
import TrialStats

/// The HTML report: one self-contained file (styles inline, the figure as inline SVG, no
/// scripts, nothing fetched), laid out as a journal prints its tables, with the methods, the
/// commands that reproduce each table, the program's version and the inputs' checksums.
///
/// It is ``ReportView`` rendered through `Resources/report.mustache` with the styles of
/// `Resources/report.css` (both compiled into the program). The template escapes every value;
/// only the styles and the figure's SVG (whose text ``Drawing`` escapes) are inserted as they are.
/// Every printed number cell carries `data-cell="table/row/group/field"`, so a test (or a
/// reader's script) can find it and compare it with the single commands.
extension CohortAnalysis {
    /// What the report shows, without markup.
    public func reportView(provenance: ReportProvenance, figure: String?) -> ReportView {
        let counts = zip(baskets, groupSizes).map { "\($0) \($1)" }.joined(separator: ", ")
        let cohort = provenance.cohortPath, planPath = provenance.planPath
        let whole = ReportCommand(["analyze", cohort, "--plan", planPath, "--out", "DIR"])
        return ReportView(
            title: plan.title, note: plan.note, version: provenance.version, level: levelText,
            summary: "\(patients) patients in \(baskets.count) basket\(baskets.count == 1 ? "" : "s") (\(counts)).",
            cohortPath: cohort, planPath: planPath, tables: reportTables(),
            figure: figure.flatMap { svg in
                survival.map { ReportFigure(svg: svg, caption: "\($0.plan.label) by basket: Kaplan–Meier estimates with censored patients marked; number at risk below the time axis.") }
            },
            methods: methodsSections(provenance: provenance),
            provenance: [
                ReportProvenanceRow(term: "Program", value: "TrialStats \(provenance.version)", code: false),
                ReportProvenanceRow(term: "Cohort", value: cohort, code: true),
                ReportProvenanceRow(term: "Patients", value: String(patients), code: false),
                ReportProvenanceRow(term: "Cohort SHA-256", value: provenance.cohortSHA256, code: true, key: "provenance/cohort_sha256"),
                ReportProvenanceRow(term: "Plan", value: planPath, code: true),
                ReportProvenanceRow(term: "Plan SHA-256", value: provenance.planSHA256, code: true, key: "provenance/plan_sha256"),
                ReportProvenanceRow(term: "Whole analysis", value: whole.text, code: true),
            ],
            planText: plan.text)
    }

    func reportHTML(provenance: ReportProvenance, figure: String?) -> String {
        reportView(provenance: provenance, figure: figure).html()
    }
}

extension ReportView {
    /// The template and its partial, parsed once (they are part of the program, so a parse error
    /// is a programming error caught by the tests).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        try! library.register(String(decoding: PackageResources.report_mustache, as: UTF8.self), named: "report")
        try! library.register("""
            {{#mark}}<sup>{{.}}</sup>{{/mark}}{{#code}}<code>{{text}}</code>{{/code}}{{^code}}{{#key}}<span data-cell="{{.}}">{{/key}}{{text}}{{#key}}</span>{{/key}}{{/code}}
            """, named: "inline")
        return library
    }()

    static let css = String(decoding: PackageResources.report_css, as: UTF8.self)

    /// The report page.
    public func html() -> String {
        Self.library.render(self, withTemplate: "report") ?? ""
    }
}

// Keys the template reads that are computed rather than stored.

extension ReportView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "css": return Self.css
        case "title": return title
        case "note": return note
        case "version": return version
        case "level": return level
        case "summary": return summary
        case "cohortPath": return cohortPath
        case "planPath": return planPath
        case "tables": return tables
        case "figure": return figure
        case "methods": return methods
        case "provenance": return provenance
        case "planText": return planText
        default: return nil
        }
    }
}

extension ReportRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "classes": return classes
        case "cells": return cells
        default: return nil
        }
    }
}

extension ReportMethodsSection: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "heading": return heading
        case "paragraphs": return paragraphs
        case "items": return items
        case "hasItems": return !items.isEmpty
        case "commands": return commands
        case "hasCommands": return !commands.isEmpty
        case "after": return after
        default: return nil
        }
    }
}

extension ReportCell: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "runs": return TextRun.runs(of: text)
        case "sub": return sub
        case "key": return key
        case "mark": return mark
        case "indent": return indent
        case "colspan": return colspan
        default: return nil
        }
    }
}

/// A piece of a cell's text as the page prints it. A printed table wraps its cells at spaces, and
/// a browser also breaks a line after an en dash: an interval ("35–93)") would end one line with
/// "35–" and start the next with "93)", and a threshold ("change ≤ −10.0") could leave its sign
/// at the end of a line. Such a word, and a relation sign with the number after it, are each one
/// unbreakable piece.
struct TextRun: Sendable {
    var text: String
    var nowrap: Bool

    /// Signs that stay with the word after them.
    static let relations: Set<Substring> = ["≤", "≥", "<", ">", "="]

    /// The runs of `text`, in order: each unbreakable piece alone, everything between them (spaces
    /// included) together; their texts joined give `text` back.
    static func runs(of text: String) -> [TextRun] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        var runs: [TextRun] = []
        var plain = ""
        var k = 0
        while k < words.count {
            if k > 0 { plain += " " }
            var piece: String?
            if relations.contains(words[k]), k + 1 < words.count, !words[k + 1].isEmpty {
                piece = words[k] + " " + words[k + 1]
                k += 1
            } else if words[k].contains("\u{2013}") {
                piece = String(words[k])
            }
            if let piece {
                if !plain.isEmpty { runs.append(TextRun(text: plain, nowrap: false)) }
                runs.append(TextRun(text: piece, nowrap: true))
                plain = ""
            } else {
                plain += words[k]
            }
            k += 1
        }
        if !plain.isEmpty || runs.isEmpty { runs.append(TextRun(text: plain, nowrap: false)) }
        return runs
    }
}

extension TextRun: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "nowrap": return nowrap
        default: return nil
        }
    }
}

extension ReportCommand: MustacheParent {
    public func child(named name: String) -> Any? { name == "text" ? text : nil }
}
