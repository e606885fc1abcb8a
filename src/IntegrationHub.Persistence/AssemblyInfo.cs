namespace IntegrationHub.Persistence;
