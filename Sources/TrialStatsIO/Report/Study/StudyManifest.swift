import Foundation
import Yams

/// What `trialstats reproduce` needs to know about one study, read from `study.yaml` in the
/// study's folder: which files hold its published cells and response counts, which rows are its
/// efficacy endpoints, and the report's own wording. A second study is a second folder.
///
/// In a text, `{level}` stands for the confidence level as printed ("95%").
public struct StudyManifest: Decodable, Equatable, Sendable {
    /// The study's name, as given on the command line (`reproduce castle`).
    public var study: String
    /// The report's first lines, printed as they are.
    public var heading: String
    /// The published cells.
    public var cells: Cells
    /// What the checks covered, printed after the findings.
    public var verified: String?
    /// Response counts whose exact interval the report gives.
    public var efficacy: Efficacy?
    /// The review of the printed paired p-values.
    public var pValues: PValues?
    /// The report's last line.
    public var closing: String?

    /// The published cells: a cells CSV (see `trialstats verify`) and how the report names them.
    public struct Cells: Decodable, Equatable, Sendable {
        /// The cells CSV, relative to the study's folder.
        public var file: String
        /// The words that open the report's count of cells ("The four tables").
        public var describedAs: String

        enum CodingKeys: String, CodingKey {
            case file
            case describedAs = "described_as"
        }
    }

    /// The rows of a response-counts CSV (columns source, table, endpoint, group, x, n) whose
    /// source starts with `sourcePrefix`, whose table is `table` and whose endpoint contains
    /// `endpointContains`; each gets its exact interval.
    public struct Efficacy: Decodable, Equatable, Sendable {
        public var file: String
        public var sourcePrefix: String
        public var table: String
        public var endpointContains: String
        /// The title of the table, with `{level}`.
        public var title: String

        enum CodingKeys: String, CodingKey {
            case file, table, title
            case sourcePrefix = "source_prefix"
            case endpointContains = "endpoint_contains"
        }
    }

    /// The section on the printed paired p-values.
    public struct PValues: Decodable, Equatable, Sendable {
        public var title: String
    }

    enum CodingKeys: String, CodingKey {
        case study, heading, cells, verified, efficacy, closing
        case pValues = "p_values"
    }

    /// The keys a manifest may have at its top level.
    static let keys = ["study", "heading", "cells", "verified", "efficacy", "p_values", "closing"]

    /// The manifest's file name in a study's folder.
    public static let fileName = "study.yaml"

    /// Parses a manifest's text; `source` names it in messages. Unknown top-level keys are errors,
    /// so a misspelt key is not silently ignored.
    public static func parse(_ text: String, source: String) throws -> StudyManifest {
        do {
            if let node = try Yams.compose(yaml: text), let mapping = node.mapping {
                for key in mapping.keys.compactMap(\.string) where !keys.contains(key) {
                    throw ReportDataError("\(source): unknown key \"\(key)\"; the keys are \(keys.joined(separator: ", "))")
                }
            }
            return try YAMLDecoder().decode(StudyManifest.self, from: text)
        } catch let error as ReportDataError {
            throw error
        } catch let error as DecodingError {
            throw ReportDataError("\(source): \(decodingMessage(error))")
        } catch {
            throw ReportDataError("\(source): cannot be read as YAML (\(error))")
        }
    }

    private static func decodingMessage(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context): return "no \"\(path(context.codingPath + [key]))\"; see Fixtures/castle/study.yaml for the keys"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\"\(path(context.codingPath))\" is not what is expected (\(context.debugDescription))"
        @unknown default: return "cannot be read (\(error))"
        }
    }
}

/// A study's folder with its manifest read.
public struct StudyFolder: Sendable {
    /// The folder holding `study.yaml` and the files it names.
    public var path: String
    public var manifest: StudyManifest

    /// The file a manifest names, as a path.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Reads the manifest of the folder at `path`.
    public init(path: String) throws {
        let file = (path as NSString).appendingPathComponent(StudyManifest.fileName)
        let text = try decodeUTF8(try readInputFile(file, source: file), source: file)
        self.path = path
        self.manifest = try StudyManifest.parse(text, source: file)
    }

    /// The study `name`: the folder `fixtures` when given (its manifest must be of that study),
    /// else the folder of that name among the studies bundled with the program. The program
    /// never searches the folders around it.
    public static func locate(study name: String, fixtures: String?) throws -> StudyFolder {
        let folder: StudyFolder
        if let fixtures {
            folder = try StudyFolder(path: fixtures)
        } else {
            guard let bundled = bundledStudies(), bundled.names.contains(name) else {
                let known = bundledStudies()?.names ?? []
                throw InputError.unreadable(file: name, reason: "no such study is bundled\(known.isEmpty ? "" : "; the bundled studies are \(known.joined(separator: ", "))"); give its folder with --fixtures DIR")
            }
            folder = try StudyFolder(path: bundled.folder.appendingPathComponent(name).path)
        }
        guard folder.manifest.study == name else {
            throw ReportDataError("\(folder.file(StudyManifest.fileName)): describes the study \"\(folder.manifest.study)\", not \"\(name)\"")
        }
        return folder
    }

    /// The name of the program's resource bundle, which SwiftPM puts beside the program (also
    /// for `swift run` and `swift test`).
    static let bundleName = "TrialStats_TrialStatsIO.resources"

    /// The studies bundled with the program (each a folder with a manifest), or nil when the
    /// program's resources are not beside it. The bundle is looked for first, because
    /// `Bundle.module` stops the program when it finds no bundle.
    public static func bundledStudies() -> (folder: URL, names: [String])? {
        let beside = Bundle.main.bundleURL.appendingPathComponent(bundleName)
        guard FileManager.default.fileExists(atPath: beside.path), let root = Optional(Bundle.module.resourceURL ?? Bundle.module.bundleURL) else { return nil }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { name in
            FileManager.default.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent(StudyManifest.fileName).path)
        }
        return (root, names.sorted())
    }
}
