import Foundation
import Testing
@testable import TrialStatsIO

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-2, appendix B, and the empty string.
    @Test("the FIPS 180-2 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func fips(_ input: String, _ digest: String) {
        #expect(SHA256Digest(of: Array(input.utf8)).description == digest)
    }

    @Test("one million a's (FIPS 180-2 B.3), and lengths around the 55/56/64-byte padding edges")
    func long() {
        #expect(SHA256Digest(of: [UInt8](repeating: 0x61, count: 1_000_000)).description
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Lengths 55, 56 and 64 (python3 -c "import hashlib; print(hashlib.sha256(b'a'*55).hexdigest())").
        #expect(SHA256Digest(of: [UInt8](repeating: 0x61, count: 55)).description
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256Digest(of: [UInt8](repeating: 0x61, count: 56)).description
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256Digest(of: [UInt8](repeating: 0x61, count: 64)).description
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test("agrees with sha256sum on the bundled fixtures")
    func agreesWithSha256sum() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let tool = "/usr/bin/sha256sum"
        try #require(FileManager.default.isExecutableFile(atPath: tool), "sha256sum (coreutils) is needed for this check")
        for name in ["castle/cohort.csv", "castle/plan.yaml", "castle/castle-published-cells.csv"] {
            let path = root.appendingPathComponent("Fixtures/\(name)").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let expected = String(output.prefix(64))
            let data = try #require(FileManager.default.contents(atPath: path))
            #expect(SHA256Digest(of: data).description == expected, "\(name)")
        }
    }
}
