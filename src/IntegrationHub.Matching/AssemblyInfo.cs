namespace IntegrationHub.Matching;
