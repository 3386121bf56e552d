import Foundation
import Testing
import TestSupport

/// Runs a bash script with `$TS` the built binary and `$FIX` the Fixtures folder, in a fresh
/// temporary folder (the working directory, removed afterwards), for cases that need the shell:
/// `> /dev/full`, a closed standard output, `<(…)`, FIFOs, symbolic links.
func shell(_ script: String, in folder: URL? = nil) throws -> CLIResult {
    let own = try folder ?? CLI.temporaryFolder()
    defer { if folder == nil { try? FileManager.default.removeItem(at: own) } }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = own
    var environment = ProcessInfo.processInfo.environment
    environment["TS"] = CLI.binary.path
    environment["FIX"] = CLI.packageRoot.appendingPathComponent("Fixtures").path
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

/// The one-line error rule: one line, under 300 characters, no control characters.
func isOneCleanLine(_ stderr: String) -> Bool {
    let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count == 2, lines[1].isEmpty else { return false }
    return lines[0].count < 300 && !lines[0].unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
}

@Suite("Output, exit statuses and error lines shared by every command (issue 13)")
struct RunTests {
    static let gehan = "$FIX/reference/km_data/gehan.csv"
    static let commands: [String] = [
        "$TS describe $FIX/castle/synthetic-cohort.csv --column age",
        "$TS binom 1 2",
        "$TS signed-rank $FIX/castle/synthetic-cohort.csv --before haq_baseline --after haq_month6",
        "$TS km \(gehan) --time time --event status",
        "$TS verify $FIX/castle/castle-published-cells.csv",
        "$TS reconstruct --n 5 --before '2 [1; 3]' --after '1 [0; 2]' --p 'P = 0.0625' --min 0 --max 5 --step 1",
        "$TS --help", "$TS binom --help", "$TS --version",
    ]

    @Test("issue 13 item 1: standard output on /dev/full or closed gives 73 and one line", arguments: commands)
    func standardOutputFails(command: String) throws {
        for redirect in ["> /dev/full", ">&-"] {
            let result = try shell("\(command) \(redirect)")
            #expect(result.status == 73, "\(command) \(redirect): \(result.stderr)")
            #expect(isOneCleanLine(result.stderr), "\(result.stderr)")
            #expect(result.stderr.hasPrefix("trialstats: error: standard output: cannot be written"))
        }
    }

    @Test("issue 13 item 1: side files are not left when standard output fails")
    func sideFilesRolledBack() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let km = try shell("$TS km \(Self.gehan) --time time --event status --plot km.svg > /dev/full", in: folder)
        #expect(km.status == 73)
        let reconstruct = try shell("""
            $TS reconstruct --n 5 --before '2 [1; 3]' --after '1 [0; 2]' --p 'P = 0.0625' --min 0 --max 5 --step 1 \
            --output data.csv >&-
            """, in: folder)
        #expect(reconstruct.status == 73)
        let analyze = try shell("$TS analyze $FIX/castle/cohort.csv --plan $FIX/castle/plan.yaml --out report > /dev/full", in: folder)
        #expect(analyze.status == 73 && isOneCleanLine(analyze.stderr), "\(analyze.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        // The same commands with a working standard output write their files.
        #expect(try shell("$TS km \(Self.gehan) --time time --event status --plot km.svg > /dev/null", in: folder).status == 0)
        #expect(try shell("$TS analyze $FIX/castle/cohort.csv --plan $FIX/castle/plan.yaml --out report", in: folder).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["km.svg", "report"])
        // A failing run with --force puts the old folder back.
        #expect(try shell("$TS analyze $FIX/castle/cohort.csv --plan $FIX/castle/plan.yaml --out report --force >&-", in: folder).status == 73)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report/report.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["km.svg", "report"])
    }

    /// A path of 200 characters and seven column names of 60: the line stays under 300
    /// characters and still says which column is missing and that there are seven.
    @Test("issue 13: an error line naming long paths and columns stays under 300 characters")
    func longMessagesStayShort() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ts-" + String(repeating: "p", count: 190))
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let names = (1...7).map { "column_\($0)_" + String(repeating: "x", count: 50) }
        let file = base.appendingPathComponent("d.csv")
        try (names.joined(separator: ",") + "\n" + names.map { _ in "1" }.joined(separator: ",") + "\n").write(to: file, atomically: false, encoding: .utf8)
        let result = try shell("$TS describe '\(file.path)' --column missing")
        #expect(result.status == 66 || result.status == 64 || result.status == 65, "\(result.stderr)")
        #expect(isOneCleanLine(result.stderr), "\(result.stderr.count): \(result.stderr)")
        #expect(result.stderr.contains("no column \"missing\""), "\(result.stderr)")
        #expect(result.stderr.contains("(7 in all)") || result.stderr.hasSuffix("…\n"), "\(result.stderr)")
    }

    @Test("issue 13: usage errors are one line, without a second 'See --help' line", arguments: [
        "$TS binom 1 2 --conf-level 2", "$TS binom --frobnicate", "$TS nosuch", "$TS reconstruct --n 5",
        "$TS binom 1 2 --conf-level $'0.5\\n\\u001b[31m'",
    ])
    func usageErrorsAreOneLine(command: String) throws {
        let result = try shell(command)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(isOneCleanLine(result.stderr), "\(result.stderr)")
        #expect(!result.stderr.contains("See '"))
    }

    @Test("issue 13: options take plain decimals only, as cells do", arguments: [
        "--conf-level 0x1p-1", "--conf-level=0x1p-1", "--conf-level nan", "--conf-level=-inf",
    ])
    func hexadecimalOptionsRefused(option: String) throws {
        let result = try shell("$TS binom 1 2 \(option)")
        #expect(result.status == 64 && isOneCleanLine(result.stderr), "\(result.stderr)")
        #expect(result.stderr.contains("is not a decimal number"))
        #expect(try shell("$TS binom 1 2 --conf-level 0.5e0").status == 0)
    }

    @Test("issue 13: input from a pipe, a FIFO or /dev/stdin is read")
    func pipesAreRead() throws {
        let expected = try shell("printf 'x\\n1\\n2\\n3\\n' > x.csv && $TS describe x.csv --column x --format json")
        #expect(expected.status == 0)
        let substitution = try shell("$TS describe <(printf 'x\\n1\\n2\\n3\\n') --column x --format json")
        #expect(substitution.status == 0, "\(substitution.stderr)")
        let devStdin = try shell("printf 'x\\n1\\n2\\n3\\n' | $TS describe /dev/stdin --column x --format json")
        #expect(devStdin.status == 0, "\(devStdin.stderr)")
        let fifo = try shell("mkfifo f && (printf 'x\\n1\\n2\\n3\\n' > f &) && $TS describe f --column x --format json")
        #expect(fifo.status == 0, "\(fifo.stderr)")
        for result in [substitution, devStdin, fifo] {
            #expect(try jsonObject(result.stdout)["groups"] != nil)
        }
        let planPipe = try shell("""
            $TS analyze $FIX/castle/cohort.csv --plan <(cat $FIX/castle/plan.yaml) --out report > /dev/null && test -f report/report.html
            """)
        #expect(planPipe.status == 0, "\(planPipe.stderr)")
    }

    @Test("issue 13: not UTF-8 is bad data (65) naming row and byte offset, in a CSV and in a plan")
    func notUTF8() throws {
        let csv = try shell("printf 'x\\n1\\n2\\xff\\n' > bad.csv && $TS describe bad.csv --column x")
        #expect(csv.status == 65 && isOneCleanLine(csv.stderr), "\(csv.stderr)")
        #expect(csv.stderr.contains("bad.csv, row 3: is not UTF-8 text (byte offset 5"))
        let plan = try shell("printf 'basket: basket\\ntitle: \\xc3\\x28\\n' > plan.yaml && $TS analyze $FIX/castle/cohort.csv --plan plan.yaml --out r")
        #expect(plan.status == 65 && isOneCleanLine(plan.stderr), "\(plan.stderr)")
        #expect(plan.stderr.contains("plan.yaml, line 2: is not UTF-8 text (byte offset 22"))
    }

    @Test("issue 13: echoed values are escaped and shortened", arguments: [
        "printf 'x\\n\\033[31mred\\n' > c.csv",
        "printf 'x\\n\"a\\nb\"\\n' > c.csv",
        "printf 'x\\na\\000b\\n' > c.csv",
        "(printf 'x\\n'; head -c 5000000 /dev/zero | tr '\\\\0' 7; printf 'z\\n') > c.csv",
    ])
    func echoedValues(write: String) throws {
        let result = try shell("\(write) && $TS describe c.csv --column x")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(isOneCleanLine(result.stderr), "\(result.stderr.prefix(400))")
    }

    @Test("issue 13: a plan nested 5,000 levels deep is refused before it is parsed", arguments: [
        "python3 -c \"print('basket: ' + '['*5000 + ']'*5000)\"",
        "python3 -c \"print('basket: x\\nbaseline:\\n' + ''.join(' '*i + '- \\n' for i in range(1, 5001)))\"",
        "python3 -c \"print('basket: x\\nnote:\\n' + ''.join(' '*i + 'k:\\n' for i in range(1, 5001)))\"",
        "python3 -c \"print('{\\\"basket\\\": ' + '{\\\"a\\\": '*5000 + '1' + '}'*5000 + '}')\"",
        "python3 -c \"print('basket: x\\nbaseline:\\n  ' + '- '*5000 + 'x')\"",
    ])
    func deepPlans(generator: String) throws {
        let result = try shell("\(generator) > plan.yaml && $TS analyze $FIX/castle/cohort.csv --plan plan.yaml --out r")
        #expect(result.status == 65 && isOneCleanLine(result.stderr), "\(result.stderr)")
        #expect(result.stderr.contains("is nested more than 100 levels deep"))
    }

    @Test("issue 13: a 250-byte output name is written")
    func longOutputName() throws {
        let name = String(repeating: "a", count: 246) + ".csv"
        let result = try shell("$TS binom 1 2 --format csv --output \(name) && test -s \(name) && ls -A | wc -l")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1\n")
    }

    @Test("issue 13: --output writes through a symbolic link and a special file, never replacing them")
    func outputThroughLinksAndDevices() throws {
        let link = try shell("""
            touch target.csv && ln -s target.csv link.csv && $TS binom 1 2 --format csv --output link.csv \
            && test -L link.csv && test -s target.csv && cat target.csv
            """)
        #expect(link.status == 0, "\(link.stderr)")
        #expect(link.stdout.hasPrefix("label,"))
        let dangling = try shell("ln -s new.csv link.csv && $TS binom 1 2 --format csv --output link.csv && test -L link.csv && test -s new.csv")
        #expect(dangling.status == 0, "\(dangling.stderr)")
        let fifo = try shell("mkfifo f && (cat f > got &) && $TS binom 1 2 --format csv --output f && sleep 0.2 && test -p f && cat got")
        #expect(fifo.status == 0, "\(fifo.stderr)")
        #expect(fifo.stdout.hasPrefix("label,"))
        let device = try shell("$TS binom 1 2 --output /dev/null && test -c /dev/null")
        #expect(device.status == 0, "\(device.stderr)")
        let full = try shell("$TS binom 1 2 --output /dev/full")
        #expect(full.status == 73 && isOneCleanLine(full.stderr), "\(full.stderr)")
    }

    @Test("issue 13 item 4: a Kaplan–Meier figure with times of 1e19 and more is drawn")
    func hugeTimesPlot() throws {
        let result = try shell("""
            printf 'time,status\\n1e19,1\\n2e19,0\\n3e300,1\\n' > t.csv && $TS km t.csv --time time --event status --plot km.svg > /dev/null \
            && grep -c '<svg' km.svg
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1\n")
    }

    @Test("issue 13: reconstruct refuses impossible printed p-values alike", arguments: ["P > 1", "P = 1.5", "P < 0"])
    func impossiblePValues(p: String) throws {
        let result = try shell("$TS reconstruct --n 5 --before '2 [1; 3]' --after '1 [0; 2]' --p '\(p)' --min 0 --max 5 --step 1")
        #expect(result.status == 64 && isOneCleanLine(result.stderr), "\(result.stderr)")
    }

    @Test("issue 13 item 3: reconstruct refuses grids beyond the limits with one line", arguments: [
        "--min 0 --max 1e19 --step 1", "--min 0 --max 1e300 --step 1", "--min=-9e18 --max 9e18 --step 1e18",
        "--min 0 --max 1e10 --step 1e-9",
    ])
    func gridLimits(scale: String) throws {
        let result = try shell("$TS reconstruct --n 5 --before '2 [1; 3]' --after '1 [0; 2]' --p 'P = 0.0625' \(scale)")
        #expect(result.status == 64 && isOneCleanLine(result.stderr), "\(result.stderr)")
    }
}
