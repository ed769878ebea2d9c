package dev.sourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event record and its schema revision. Optional on events of revision 1 whose name is their
 * simple class name; every record a command handler returns is an event whether annotated or not.
 *
 * <p>The name is stored with every event and is the EventBridge {@code detail-type}, so it must stay
 * stable when the class is renamed or moved. When an event's shape changes, raise {@code revision} and
 * keep the old shape as a record with the same name and the old revision, plus an {@link Upcaster} from
 * each revision to the next: stored events are upcast on read, so handlers only ever see the newest one.
 *
 * <p>The processor requires: a public, non-generic record; a name of letters, digits, {@code .}, {@code
 * _} or {@code -}; no two records with the same name and revision; an upcaster chain from revision 1 to
 * the newest revision.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Event {

  /**
   * The event's stable name.
   *
   * @return the name; empty means the record's simple name
   */
  String name() default "";

  /**
   * The schema revision of this record.
   *
   * @return the revision, 1 or more; default 1
   */
  int revision() default 1;
}
