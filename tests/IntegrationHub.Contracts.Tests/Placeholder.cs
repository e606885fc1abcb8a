namespace IntegrationHub.Contracts.Tests;
