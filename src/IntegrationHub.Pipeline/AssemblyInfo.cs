namespace IntegrationHub.Pipeline;
