namespace IntegrationHub.Matching.Tests;
