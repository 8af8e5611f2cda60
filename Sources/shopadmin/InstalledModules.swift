import AccountBalanceModule
import B2BModule
import CreditLimitModule
import IncludedProductsModule
import RequiredFieldsModule
import ShopCore
import TagsModule

/// The feature modules this build ships, each a target under Plugins/. The tier matrix
/// (`TierMatrix.standard` in the core) says which shops get which.
enum InstalledModules {
    /// B2B before the modules that act per company, so the demo shop's companies exist when they add their sample data.
    static var all: [any FeatureModule] {
        [RequiredFieldsModule(), TagsModule(), AccountBalanceModule(), B2BModule(), CreditLimitModule(), IncludedProductsModule()]
    }
}
