using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("storefront")]
