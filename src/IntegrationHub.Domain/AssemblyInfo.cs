namespace IntegrationHub.Domain;
