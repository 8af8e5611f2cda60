/// The API description of the CSV export, the import and the jobs, merged into `APIOperations`.
enum CustomerCSVAPIOperations {
    static let problem = JSONSchema.object(
        [
            "row": .integer(description: "the file's row number; the header is row 1"), "column": .nullable(.string()),
            "code": .string(), "message": .string(),
        ], required: ["row", "code", "message"])

    static let report = JSONSchema.object(
        [
            "format": .string(enumeration: CustomerCSVFormat.allCases.map(\.rawValue)), "dryRun": .boolean,
            "unknownColumns": .array(.string()),
            "ignoredColumns": .array(.object(["column": .string(), "reason": .string()], required: ["column", "reason"])),
            "rows": .integer(), "created": .integer(), "updated": .integer(), "unchanged": .integer(), "failed": .integer(),
            "problemCount": .integer(), "problems": .array(problem),
        ], required: ["format", "rows", "created", "updated", "unchanged", "failed", "problems"])

    static let job = JSONSchema.object(
        [
            "id": .integer(), "kind": .string(), "status": .string(enumeration: ["running", "done", "failed", "cancelled"]),
            "parameters": .any,
            "progress": .object(
                [
                    "done": .integer(), "total": .nullable(.integer()), "rowsPerSecond": .nullable(.number),
                    "etaSeconds": .nullable(.number),
                ], required: ["done"]),
            "cancelRequested": .boolean, "result": .any, "error": .nullable(.string()), "createdBy": .string(),
            "createdAt": .string(format: "date-time"), "updatedAt": .string(format: "date-time"),
            "finishedAt": .nullable(.string(format: "date-time")),
        ], required: ["id", "kind", "status", "progress"])

    /// `?dryRun=true` answers 200 with the report; the real import 202 with the job.
    static var importResponse: JSONSchema {
        guard case .object(var members, _, _) = report else { return report }
        members["job"] = job
        return .object(members)
    }

    /// The export's query parameters described by name (the rest are the list's, told in the summary).
    static let exportQuery: [String: JSONSchema] = [
        "ids": .string(description: "only these customers: ids separated by commas (12,15,40), at most 1,000, within any search or filter")
    ]

    static var table: [String: APIOperation] {
        [
            "GET /shops/{shop}/api/customers/export.csv": APIOperation(
                response: .string(), responseType: "text/csv",
                query: exportQuery),
            "POST /shops/{shop}/api/customers/import": APIOperation(
                response: importResponse, status: 202),
            "POST /shops/{shop}/api/customers/mass-actions": APIOperation(
                request: .object(
                    [
                        "action": .string(enumeration: CustomerMassAction.Action.allCases.map(\.rawValue)),
                        "customerIds": .array(.integer()),
                        "filter": .object([:], additional: true),
                        "all": .boolean, "dryRun": .boolean,
                    ], required: ["action"]),
                response: .object(["dryRun": .boolean, "impact": .any, "job": job]), status: 202),
            "POST /shops/{shop}/api/customers/export-jobs": APIOperation(
                response: .object(["job": job], required: ["job"]), status: 202, query: exportQuery),
            "GET /shops/{shop}/api/jobs/{id}/file": APIOperation(response: .string(), responseType: "text/csv"),
            "GET /shops/{shop}/api/jobs": APIOperation(response: .object(["jobs": .array(job)], required: ["jobs"])),
            "GET /shops/{shop}/api/jobs/{id}": APIOperation(response: .object(["job": job], required: ["job"])),
            "POST /shops/{shop}/api/jobs/{id}/cancel": APIOperation(response: .object(["job": job], required: ["job"])),
        ]
    }
}
