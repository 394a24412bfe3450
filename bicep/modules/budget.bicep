// A monthly cost budget on the target subscription (where the scenarios spend), notifying the action group and the
// operators' address at a threshold. Source:
// https://learn.microsoft.com/en-us/azure/templates/microsoft.consumption/budgets (2024-08-01)
targetScope = 'subscription'

param budgetName string
@description('Monthly amount, in the billing currency.')
param amount int
@description('Percent of the amount, actual cost, at which the operators are notified.')
param thresholdPercent int
@description('yyyy-MM of the first month the budget counts (budgets start on the first of a month).')
param startMonth string
param actionGroupId string
param alertEmail string

resource budget 'Microsoft.Consumption/budgets@2024-08-01' = {
  name: budgetName
  properties: {
    category: 'Cost'
    amount: amount
    timeGrain: 'Monthly'
    timePeriod: { startDate: '${startMonth}-01T00:00:00Z' }
    notifications: {
      actualOverThreshold: {
        enabled: true
        operator: 'GreaterThan'
        threshold: thresholdPercent
        thresholdType: 'Actual'
        contactGroups: [actionGroupId]
        contactEmails: empty(alertEmail) ? [] : [alertEmail]
      }
    }
  }
}
