import ShopCore

extension B2BEmails {
    /// In English, also the fallback for every locale without its own text.
    enum English {
        static let signature = "Best regards\n{shopName}"

        static let received = ModuleEmailText(
            subject: "We received your B2B application – {shopName}",
            body: """
                Hello {firstName},

                thank you for applying for a business account for {companyName} at {shopName}. We check the company's details and credit and answer you by email, usually within a few working days.

                You do not need to do anything in the meantime.
                """, signature: signature)

        static let notification = ModuleEmailText(
            subject: "New B2B application: {companyName}",
            body: """
                A new B2B account application is waiting for your review (application {applicationId}).

                Company: {companyName}
                Organisation number: {businessId}
                VAT number: {vatNumber}
                Contact: {contactName}, {email}, {phone}
                Message: {message}

                Check the company's credit and details and create the customer in your ERP. Then approve the application by entering its ERP customer number through this link (it works once, until {expiresAt}):
                {link}

                You can also approve or reject it in the admin, under B2B applications.
                """, signature: "ShopAdmin for {shopName}")

        static let approved = ModuleEmailText(
            subject: "Your business account is ready – {shopName}",
            body: """
                Hello {firstName},

                your application has been approved: {companyName} now has a business account at {shopName}.

                First choose your password with the link below. It is valid for 72 hours and works only once:
                {link}

                Then sign in with your email address and the new password at {signInLink} and place your orders.
                """, signature: signature)

        static let rejected = ModuleEmailText(
            subject: "Your business account application – {shopName}",
            body: """
                Hello {firstName},

                thank you for your interest in a business account for {companyName}. Unfortunately we cannot approve your application.

                Reason: {reason}

                If you have questions, reply to this email or contact us.
                """, signature: signature)
    }
}
