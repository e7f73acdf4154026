using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("cart")]
