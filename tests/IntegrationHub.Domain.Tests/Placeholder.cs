namespace IntegrationHub.Domain.Tests;
