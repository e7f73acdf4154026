using System.Reflection;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.ChangePassword;
using AddisPay.Users.DeleteAccount;
using AddisPay.Users.DeleteAddress;
using AddisPay.Users.ExportAccount;
using AddisPay.Users.ForgotPassword;
using AddisPay.Users.GetProfile;
using AddisPay.Users.ResendVerification;
using AddisPay.Users.ResetPassword;
using AddisPay.Users.SaveAddress;
using AddisPay.Users.SignOut;
using AddisPay.Users.UpdateProfile;
using AddisPay.Users.AssignRoles;
using AddisPay.Users.ListUsers;
using AddisPay.Users.SetUserLock;
using AddisPay.Users.Contracts;
using AddisPay.Users.Register;
using AddisPay.Users.RefreshSession;
using AddisPay.Users.SignIn;
using AddisPay.Users.VerifyEmail;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Users;

/// <summary>Users: accounts, sign-in and sessions, profiles and addresses, roles. Schema `users`, EF Core.</summary>
public sealed class UsersModule : IModule
{
    public string Name => ModuleNames.Users;
    public Assembly Contracts => typeof(AddisPay.Users.Contracts.GetUserContact).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<UsersDbContext>();
        module.Services.AddOptions<PasswordHashing>().Bind(module.Configuration.GetSection(PasswordHashing.Section))
            .Validate(hashing => hashing.Problem(module.Environment.EnvironmentName) is null,
                $"{PasswordHashing.Section}:Iterations is below {PasswordHashing.Recommended} (only the Testing environment may use fewer) or not positive.")
            .ValidateOnStart();
        module.Services.AddSingleton<Credentials>();
        module.Services.AddScoped<OneTimeTokens>();
        module.Services.AddScoped<AddressThrottles>();
        module.Services.AddOptions<SignInThrottleOptions>().Bind(module.Configuration.GetSection("AddisPay:Users:SignInThrottle"));
        module.Services.AddScoped<SessionIssuer>();
        module.Services.AddScoped<SessionFamilies>();
        module.Services.AddScoped<AddisPay.Shared.Modules.IDemoData, DemoAccounts.DemoAccounts>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapRegister();
        api.MapVerifyEmail();
        api.MapResendVerification();
        api.MapSignIn();
        api.MapRefreshSession();
        api.MapSignOut();
        api.MapForgotPassword();
        api.MapResetPassword();
        api.MapChangePassword();
        api.MapGetProfile();
        api.MapUpdateProfile();
        api.MapSaveAddress();
        api.MapDeleteAddress();
        api.MapExportAccount();
        api.MapDeleteAccount();
        api.MapListUsers();
        api.MapSetUserLock();
        api.MapAssignRoles();
    }
}
