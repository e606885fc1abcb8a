namespace IntegrationHub.Contracts;
