// What operators are told: one action group (an e-mail address as a parameter), a log alert per signal the app writes
// (core/signals.ts: `haymaker-signal {"signal",...}` lines in the workspace table AppTraces, one alert per run and
// scenario through dimensions), the agent-events queue dead-lettering (Service Bus metric), and the Function App's
// failures (failed requests and exceptions). Sources:
// https://learn.microsoft.com/en-us/azure/templates/microsoft.insights/2022-04-01/actiongroups
// https://learn.microsoft.com/en-us/azure/templates/microsoft.insights/2021-08-01/scheduledqueryrules
// https://learn.microsoft.com/en-us/azure/templates/microsoft.insights/2018-03-01/metricalerts
// https://learn.microsoft.com/en-us/azure/azure-monitor/reference/supported-metrics/microsoft-servicebus-namespaces-metrics
//   (DeadletteredMessages: Count, Average/Minimum/Maximum, dimension EntityName)
param location string
param tags object
param actionGroupName string
@description('Where alerts are sent; empty = the action group exists with no receiver (add one in the portal).')
param alertEmail string
param workspaceId string
param serviceBusNamespaceId string
param agentEventsQueue string

resource actionGroup 'Microsoft.Insights/actionGroups@2022-04-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'haymaker'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [{ name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

var signalAlerts = [
  { signal: 'run_failed', severity: 1, description: 'A HayMaker run ended failed.' }
  { signal: 'run_terminated', severity: 2, description: 'A HayMaker run was terminated.' }
  {
    signal: 'cleanup_unverified'
    severity: 1
    description: 'A scenario\'s cleanup could not be verified: resources it made may be left behind.'
  }
  { signal: 'janitor_removed', severity: 2, description: 'The janitor removed leftovers of a run that no longer ran.' }
]

// `haymaker-signal ` is 16 characters: the JSON starts right after it, whatever stamp precedes the marker.
var signalQuery = '''
AppTraces
| where Message has "haymaker-signal {"
| extend s = parse_json(substring(Message, indexof(Message, "haymaker-signal {") + 16))
| where tostring(s.signal) == "@SIGNAL@"
| extend run_id = tostring(s.run_id), scenario_id = tostring(s.scenario_id)
'''

resource signalRules 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = [
  for a in signalAlerts: {
    name: 'alert-${replace(a.signal, '_', '-')}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: 'HayMaker ${a.signal}'
      description: a.description
      severity: a.severity
      enabled: true
      scopes: [workspaceId]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT5M'
      criteria: {
        allOf: [
          {
            query: replace(signalQuery, '@SIGNAL@', a.signal)
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            dimensions: [
              { name: 'run_id', operator: 'Include', values: ['*'] }
              { name: 'scenario_id', operator: 'Include', values: ['*'] }
            ]
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      autoMitigate: false
      actions: { actionGroups: [actionGroup.id] }
    }
  }
]

resource appFailures 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: 'alert-function-app-failures'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'HayMaker Function App failures'
    description: 'Failed requests or exceptions in the HayMaker Function App.'
    severity: 2
    enabled: true
    scopes: [workspaceId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'union (AppRequests | where Success == false), AppExceptions'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: [actionGroup.id] }
  }
}

resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-agent-events-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'An agent event was dead-lettered: the Service Bus trigger gave up on it.'
    severity: 1
    enabled: true
    scopes: [serviceBusNamespaceId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [{ name: 'EntityName', operator: 'Include', values: [agentEventsQueue] }]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

output actionGroupId string = actionGroup.id
