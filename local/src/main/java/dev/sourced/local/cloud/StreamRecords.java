package dev.sourced.local.cloud;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** DynamoDB Streams records as the SDK reads them → the records Lambda hands a stream-triggered function. */
final class StreamRecords {
  private StreamRecords() {}

  /** @return the Lambda event of a batch read from one shard */
  static DynamodbEvent event(List<Record> records, String streamArn) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(records.stream().map(r -> record(r, streamArn)).toList());
    return event;
  }

  static DynamodbEvent.DynamodbStreamRecord record(Record source, String streamArn) {
    DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
    record.setEventID(source.eventID());
    record.setEventName(source.eventNameAsString());
    record.setEventVersion(source.eventVersion());
    record.setEventSource("aws:dynamodb");
    record.setAwsRegion(source.awsRegion() == null ? "us-east-1" : source.awsRegion());
    record.setEventSourceARN(streamArn);
    StreamRecord stream = new StreamRecord();
    software.amazon.awssdk.services.dynamodb.model.StreamRecord data = source.dynamodb();
    if (data.approximateCreationDateTime() != null) {
      stream.setApproximateCreationDateTime(Date.from(data.approximateCreationDateTime()));
    }
    stream.setKeys(image(data.keys()));
    stream.setNewImage(data.hasNewImage() ? image(data.newImage()) : null);
    stream.setOldImage(data.hasOldImage() ? image(data.oldImage()) : null);
    stream.setSequenceNumber(data.sequenceNumber());
    stream.setSizeBytes(data.sizeBytes());
    if (data.streamViewTypeAsString() != null) {
      stream.setStreamViewType(StreamViewType.fromValue(data.streamViewTypeAsString()));
    }
    record.setDynamodb(stream);
    return record;
  }

  static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(Map<String, AttributeValue> item) {
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
    item.forEach((name, value) -> image.put(name, value(value)));
    return image;
  }

  static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue value) {
    var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    switch (value.type()) {
      case S -> converted.setS(value.s());
      case N -> converted.setN(value.n());
      case B -> converted.setB(value.b().asByteBuffer());
      case BOOL -> converted.setBOOL(value.bool());
      case NUL -> converted.setNULL(true);
      case SS -> converted.setSS(value.ss());
      case NS -> converted.setNS(value.ns());
      case BS -> converted.setBS(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
      case M -> converted.setM(image(value.m()));
      case L -> converted.setL(value.l().stream().map(StreamRecords::value).toList());
      default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
    }
    return converted;
  }
}
