import Glibc

/// A `multipart/form-data` body (RFC 7578), as the import form's file upload sends it: text
/// fields by name (so the gate finds the CSRF token as in any form) and files as bytes.
/// Parsed as bytes, never as a `String`, so a file's contents stay as they were sent.
struct MultipartForm: Sendable {
    /// An uploaded file.
    struct File: Sendable {
        var filename: String
        var bytes: [UInt8]
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    /// The boundary of a `multipart/form-data` content type, nil for any other type.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmedWhitespace() }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value =
                pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Reads the parts; a malformed body gives the parts before the fault (a form without its
    /// CSRF token is then refused by the gate).
    init(body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var start = MultipartForm.find(delimiter, in: body, from: 0) else { return }
        while true {
            var cursor = start + delimiter.count
            // `--boundary--` ends the body.
            if cursor + 1 < body.count && body[cursor] == UInt8(ascii: "-") && body[cursor + 1] == UInt8(ascii: "-") { return }
            guard let lineEnd = MultipartForm.find(crlf, in: body, from: cursor) else { return }
            cursor = lineEnd + 2
            guard let headEnd = MultipartForm.find(crlf + crlf, in: body, from: cursor) else { return }
            let head = String(decoding: body[cursor..<headEnd], as: UTF8.self)
            let contentStart = headEnd + 4
            guard let next = MultipartForm.find(crlf + delimiter, in: body, from: contentStart) else { return }
            let content = Array(body[contentStart..<next])
            let disposition =
                head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init) ?? ""
            if let name = MultipartForm.parameter("name", in: disposition) {
                if let filename = MultipartForm.parameter("filename", in: disposition) {
                    files[name] = File(filename: filename, bytes: content)
                } else {
                    fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            start = next + 2
        }
    }

    /// `name="value"` of a Content-Disposition line.
    static func parameter(_ name: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { String($0).trimmedWhitespace() }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The index where `needle` first occurs in `haystack` at or after `from`. `memchr` finds
    /// each candidate first byte, so a large upload is scanned at memory speed.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var index = from
            while index <= last {
                guard let hit = memchr(base + index, Int32(needle[0]), last - index + 1) else { return nil }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, needle, needle.count) == 0 { return position }
                index = position + 1
            }
            return nil
        }
    }
}
