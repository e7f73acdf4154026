using Prometheus;

namespace AddisPay.Shared.Events;

internal static class EventMetrics
{
    public static readonly Counter Published = Metrics.CreateCounter(
        "addispay_integration_events_published_total", "Integration events appended to the event log.", "event");

    public static readonly Counter Handled = Metrics.CreateCounter(
        "addispay_integration_events_handled_total",
        "Integration events handled by a subscribing module, by outcome (processed, duplicate, retried, dead_lettered).",
        "subscription", "event", "outcome");

    public static readonly Gauge Backlog = Metrics.CreateGauge(
        "addispay_event_subscription_backlog", "Events of the subscribed types not yet processed by the subscription.", "subscription");

    public static readonly Gauge LagSeconds = Metrics.CreateGauge(
        "addispay_event_subscription_lag_seconds", "Age of the oldest event the subscription has not yet processed.", "subscription");

    public static readonly Gauge DeadLetters = Metrics.CreateGauge(
        "addispay_event_subscription_dead_letters", "Events parked in the subscription's dead-letter table awaiting attention.", "subscription");
}
