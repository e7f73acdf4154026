using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("notifications")]
