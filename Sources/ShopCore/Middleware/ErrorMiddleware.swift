import HTTPServer
import SQLite

/// The one place errors become responses: an `HTTPError` as it is; a decoding error as 400;
/// a SQLite busy timeout as 503; anything else as 500 with the request id (details go to
/// the log, never to the client, since they may carry internals).
public struct ErrorMiddleware: Middleware {
    let sink: LogSink

    public init(sink: LogSink) { self.sink = sink }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return .error(error)
        } catch let error as DecodingError {
            return .error(Request.describe(error))
        } catch let error as SQLiteError where error.isBusy {
            sink.log("\(context.requestID) busy: \(error)")
            return .error(
                HTTPError(
                    .serviceUnavailable, code: "busy", message: "The shop is busy; try again in a moment.",
                    headers: ["Retry-After": "1"]))
        } catch {
            sink.log("\(context.requestID) error: \(error)")
            return .error(
                HTTPError(
                    .internalServerError, code: "internal_error",
                    message: "Something went wrong on our side (request \(context.requestID)); it has been logged."))
        }
    }
}
