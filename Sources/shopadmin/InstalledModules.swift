import AccountBalanceModule
import B2BModule
import RequiredFieldsModule
import ShopCore
import TagsModule

/// The feature modules this build ships, each a target under Plugins/. The tier matrix
/// (`TierMatrix.standard` in the core) says which shops get which.
enum InstalledModules {
    static var all: [any FeatureModule] { [RequiredFieldsModule(), TagsModule(), AccountBalanceModule(), B2BModule()] }
}
