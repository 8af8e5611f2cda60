/// An API call that failed where the page cannot go on; the admin shows the API's message.
struct AdminAPIFailure: Error, Sendable {
    let answer: AdminAPI.Answer

    var message: String { answer.error?["message"]?.stringValue ?? "The request failed (\(answer.status))." }
}
