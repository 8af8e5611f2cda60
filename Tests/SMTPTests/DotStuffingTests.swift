import Testing

@testable import SMTP

@Suite("DATA dot-stuffing")
struct DotStuffingTests {
    static func stuffed(_ text: String) -> String { String(decoding: DotStuffing.encode(Array(text.utf8)), as: UTF8.self) }

    @Test func aLineStartingWithADotGetsASecondOne() {
        #expect(Self.stuffed(".\r\n") == "..\r\n.\r\n")
        #expect(Self.stuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n.\r\n")
        #expect(Self.stuffed(".first") == "..first\r\n.\r\n")
        #expect(Self.stuffed("mid.dle\r\n") == "mid.dle\r\n.\r\n")
    }

    @Test func bareLineFeedsAndCarriageReturnsBecomeCRLF() {
        #expect(Self.stuffed("a\nb\rc\r\n") == "a\r\nb\r\nc\r\n.\r\n")
        #expect(Self.stuffed("a\n.\n") == "a\r\n..\r\n.\r\n")
    }

    @Test func theTerminatorFollowsALineEnd() {
        #expect(Self.stuffed("no newline") == "no newline\r\n.\r\n")
        #expect(Self.stuffed("x\r\n") == "x\r\n.\r\n")
    }
}
