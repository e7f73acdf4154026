# One image for every AddisPay Deployment; AddisPay__Modules picks the modules a pod runs.
# Base images are build arguments so air-gapped builds and tests can supply local ones.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
# The Host publishes ReadyToRun (compiled ahead of time: a new pod is ready sooner and serves more in its first seconds;
# docs/benchmarks.md, "Cold start"). false gives a plain-IL image; the test suite's image test uses it because it builds
# beside the tests at the lowest priority, and the same ReadyToRun publish is what the suite's Host processes run.
ARG READY_TO_RUN=true

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first, from the project files alone, so the package layer is reused until a project changes.
# Every project under src/ must be listed (a deployment test checks it).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Shared/AddisPay.Market/AddisPay.Market.csproj src/Shared/AddisPay.Market/
COPY src/Shared/AddisPay.Shared.Contracts/AddisPay.Shared.Contracts.csproj src/Shared/AddisPay.Shared.Contracts/
COPY src/Shared/AddisPay.Shared/AddisPay.Shared.csproj src/Shared/AddisPay.Shared/
COPY src/Shared/AddisPay.Shared.Pages/AddisPay.Shared.Pages.csproj src/Shared/AddisPay.Shared.Pages/
COPY src/Host/AddisPay.Development/AddisPay.Development.csproj src/Host/AddisPay.Development/
COPY src/Modules/Users/AddisPay.Users.Contracts/AddisPay.Users.Contracts.csproj src/Modules/Users/AddisPay.Users.Contracts/
COPY src/Modules/Users/AddisPay.Users/AddisPay.Users.csproj src/Modules/Users/AddisPay.Users/
COPY src/Modules/Products/AddisPay.Products.Contracts/AddisPay.Products.Contracts.csproj src/Modules/Products/AddisPay.Products.Contracts/
COPY src/Modules/Products/AddisPay.Products/AddisPay.Products.csproj src/Modules/Products/AddisPay.Products/
COPY src/Modules/Cart/AddisPay.Cart.Contracts/AddisPay.Cart.Contracts.csproj src/Modules/Cart/AddisPay.Cart.Contracts/
COPY src/Modules/Cart/AddisPay.Cart/AddisPay.Cart.csproj src/Modules/Cart/AddisPay.Cart/
COPY src/Modules/Search/AddisPay.Search.Contracts/AddisPay.Search.Contracts.csproj src/Modules/Search/AddisPay.Search.Contracts/
COPY src/Modules/Search/AddisPay.Search/AddisPay.Search.csproj src/Modules/Search/AddisPay.Search/
COPY src/Modules/Orders/AddisPay.Orders.Contracts/AddisPay.Orders.Contracts.csproj src/Modules/Orders/AddisPay.Orders.Contracts/
COPY src/Modules/Orders/AddisPay.Orders/AddisPay.Orders.csproj src/Modules/Orders/AddisPay.Orders/
COPY src/Modules/Payments/AddisPay.Payments.Contracts/AddisPay.Payments.Contracts.csproj src/Modules/Payments/AddisPay.Payments.Contracts/
COPY src/Modules/Payments/AddisPay.Payments/AddisPay.Payments.csproj src/Modules/Payments/AddisPay.Payments/
COPY src/Modules/Notifications/AddisPay.Notifications.Contracts/AddisPay.Notifications.Contracts.csproj src/Modules/Notifications/AddisPay.Notifications.Contracts/
COPY src/Modules/Notifications/AddisPay.Notifications/AddisPay.Notifications.csproj src/Modules/Notifications/AddisPay.Notifications/
COPY src/Modules/Storefront/AddisPay.Storefront.Contracts/AddisPay.Storefront.Contracts.csproj src/Modules/Storefront/AddisPay.Storefront.Contracts/
COPY src/Modules/Storefront/AddisPay.Storefront/AddisPay.Storefront.csproj src/Modules/Storefront/AddisPay.Storefront/
COPY src/Modules/BackOffice/AddisPay.BackOffice.Contracts/AddisPay.BackOffice.Contracts.csproj src/Modules/BackOffice/AddisPay.BackOffice.Contracts/
COPY src/Modules/BackOffice/AddisPay.BackOffice/AddisPay.BackOffice.csproj src/Modules/BackOffice/AddisPay.BackOffice/
COPY src/Modules/Reviews/AddisPay.Reviews.Contracts/AddisPay.Reviews.Contracts.csproj src/Modules/Reviews/AddisPay.Reviews.Contracts/
COPY src/Modules/Reviews/AddisPay.Reviews/AddisPay.Reviews.csproj src/Modules/Reviews/AddisPay.Reviews/
COPY src/Modules/Recommendations/AddisPay.Recommendations.Contracts/AddisPay.Recommendations.Contracts.csproj src/Modules/Recommendations/AddisPay.Recommendations.Contracts/
COPY src/Modules/Recommendations/AddisPay.Recommendations/AddisPay.Recommendations.csproj src/Modules/Recommendations/AddisPay.Recommendations/
COPY src/Host/AddisPay.Host/AddisPay.Host.csproj src/Host/AddisPay.Host/
ARG READY_TO_RUN
RUN dotnet restore src/Host/AddisPay.Host/AddisPay.Host.csproj -p:PublishReadyToRun=${READY_TO_RUN}
COPY src/ src/
RUN dotnet publish src/Host/AddisPay.Host/AddisPay.Host.csproj -c Release -o /app --no-restore -p:UseAppHost=false -p:PublishReadyToRun=${READY_TO_RUN}

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app .
# Non-root (the chiseled images' app user); nothing is written under /app, so the root filesystem can be read-only.
USER 1654
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_gcServer=0 \
    AddisPay__Modules=all
EXPOSE 8080
ENTRYPOINT ["dotnet", "AddisPay.Host.dll"]
