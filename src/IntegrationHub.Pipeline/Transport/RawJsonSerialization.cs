using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace IntegrationHub.Pipeline.Transport;

/// <summary>
/// What the intake consumer receives for every delivery. It carries nothing: the consumer reads the
/// raw body from the receive context, so a body that is not even JSON still reaches our validation
/// (and becomes a receipt) instead of failing inside MassTransit's deserializer.
/// </summary>
public sealed record InboundMessage;

/// <summary>A message the hub sends as plain JSON bytes, with no MassTransit envelope, so any AMQP client can read it.</summary>
public sealed record OutboundJson(ReadOnlyMemory<byte> Body);

/// <summary>
/// Hand-written (MassTransit has no pass-through serializer): reads any body without parsing it, and
/// writes <see cref="OutboundJson"/> bodies verbatim. A source's content type is never trusted to choose
/// a parser: whatever it says, the bytes reach validation.
/// </summary>
public sealed class RawBodySerializerFactory(ContentType contentType) : ISerializerFactory
{
    // MassTransit registers its own deserializers for these; ours must replace them on the intake, or a
    // body labelled with one of them would be parsed as a MassTransit envelope. Any other (or no) content
    // type falls back to the default, which is ours.
    public static readonly IReadOnlyList<ContentType> AcceptedContentTypes =
    [
        new("application/json"),
        new("application/vnd.masstransit+json"),
        new("text/json"),
        new("text/plain"),
        new("application/octet-stream"),
    ];

    public ContentType ContentType { get; } = contentType;

    public IMessageSerializer CreateSerializer() => new RawBodySerializer(ContentType);

    public IMessageDeserializer CreateDeserializer() => new RawBodySerializer(ContentType);
}

public sealed class RawBodySerializer(ContentType contentType) : IMessageSerializer, IMessageDeserializer
{
    public static readonly RawBodySerializer Json = new(new ContentType("application/json"));

    // The consumer never looks at the deserialized message; an empty object satisfies any message type.
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;

    public ContentType ContentType { get; } = contentType;

    public void Probe(ProbeContext context) => context.CreateScope("rawBody").Add("contentType", ContentType.MediaType);

    public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
        new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        var messageContext = new RawMessageContext(headers, destinationAddress, RawSerializerOptions.AnyMessageType);
        return new SystemTextJsonRawSerializerContext(SystemTextJsonMessageSerializer.Instance, SystemTextJsonMessageSerializer.Options,
            ContentType, messageContext, [], RawSerializerOptions.AnyMessageType, Empty);
    }

    public MessageBody GetMessageBody(string text) => new BytesBody(System.Text.Encoding.UTF8.GetBytes(text));

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class =>
        context.Message is OutboundJson json
            ? new BytesBody(json.Body)
            : throw new InvalidOperationException($"Only {nameof(OutboundJson)} is sent raw; {typeof(T).Name} was given.");

    private sealed class BytesBody(ReadOnlyMemory<byte> bytes) : MessageBody
    {
        public long? Length => bytes.Length;

        public Stream GetStream() => new MemoryStream(bytes.ToArray(), writable: false);

        public byte[] GetBytes() => bytes.ToArray();

        public string GetString() => System.Text.Encoding.UTF8.GetString(bytes.Span);
    }
}
