extension EmailTemplate {
    /// In English.
    var english: EmailText {
        let signature = "Best regards\n{shopName}"
        switch self {
        case .welcome:
            return EmailText(
                subject: "Welcome to {shopName}",
                body: """
                    Hello {firstName},

                    thank you for registering with {shopName}. Your customer account is ready, and you can sign in with your email address:
                    {link}
                    """, signature: signature)
        case .activationPending:
            return EmailText(
                subject: "Your account is waiting for activation – {shopName}",
                body: """
                    Hello {firstName},

                    thank you for registering with {shopName}. The shop reviews and activates your account before you can sign in. We will email you again once it is active.
                    """, signature: signature)
        case .accountActivated:
            return EmailText(
                subject: "Your account has been activated – {shopName}",
                body: """
                    Hello {firstName},

                    your account with {shopName} is now active. You can sign in here:
                    {link}
                    """, signature: signature)
        case .passwordReset:
            return EmailText(
                subject: "Reset your password – {shopName}",
                body: """
                    Hello {firstName},

                    we received a request to reset the password of your account. Choose a new password with the link below. It is valid for one hour and works only once:
                    {link}

                    If you did not ask for this, you can ignore this email. Your password stays as it is.
                    """, signature: signature)
        case .setPassword:
            return EmailText(
                subject: "Set your password – {shopName}",
                body: """
                    Hello {firstName},

                    a customer account has been created for you at {shopName}. Set your password with the link below. It is valid for 72 hours and works only once:
                    {link}
                    """, signature: signature)
        }
    }
}
