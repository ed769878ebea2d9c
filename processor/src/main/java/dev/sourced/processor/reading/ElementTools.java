package dev.sourced.processor.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Questions the readers ask of elements and types, and where to put a caret. Holds the compiler's
 * utilities and the round's root elements; nothing it answers depends on what was read before.
 */
final class ElementTools {
  final Elements elements;
  final Types types;
  private final Set<? extends Element> rootElements;

  ElementTools(ProcessingEnvironment env, Set<? extends Element> rootElements) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.rootElements = rootElements;
  }

  /** @return the value of an annotation member, its default when not written */
  Object valueOf(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue();
      }
    }
    throw new IllegalArgumentException("no annotation member " + name);
  }

  /** @return the record a type names, or null */
  TypeElement asRecord(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    Element element = types.asElement(type);
    return element.getKind() == ElementKind.RECORD ? (TypeElement) element : null;
  }

  boolean isType(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals(qualifiedName);
  }

  static Optional<TypeMirror> typeArgument(TypeMirror type, int index) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return index < arguments.size() ? Optional.of(arguments.get(index)) : Optional.empty();
  }

  /** @return {@code ? extends T} → {@code T}, {@code ?} → {@code Object}, anything else unchanged */
  TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() == TypeKind.WILDCARD) {
      TypeMirror bound = ((WildcardType) type).getExtendsBound();
      return bound == null ? elements.getTypeElement("java.lang.Object").asType() : bound;
    }
    return type;
  }

  List<TypeMirror> allSupertypes(TypeMirror type) {
    List<TypeMirror> all = new ArrayList<>();
    for (TypeMirror direct : types.directSupertypes(type)) {
      all.add(direct);
      all.addAll(allSupertypes(direct));
    }
    return all;
  }

  /** @return whether generated code in another package can name the type: public all the way out, not generic */
  static boolean isAccessible(TypeElement type) {
    if (!type.getTypeParameters().isEmpty()) {
      return false;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /** @return the methods of a type carrying an annotation, in declaration order */
  static List<ExecutableElement> methodsAnnotated(TypeElement type, String annotation) {
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .filter(m -> Annotations.mirror(m, annotation) != null)
        .toList();
  }

  /** @return whether a record component, or its accessor, is annotated {@code @AggregateId} */
  static boolean isAggregateId(RecordComponentElement component) {
    ExecutableElement accessor = component.getAccessor();
    return Annotations.mirror(component, Annotations.AGGREGATE_ID) != null
        || accessor != null && Annotations.mirror(accessor, Annotations.AGGREGATE_ID) != null;
  }

  /** @return e.g. {@code class java.lang.String}, for messages */
  String describe(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      return kindName(types.asElement(type)) + " " + type;
    }
    return type.toString();
  }

  static String kindName(Element element) {
    switch (element.getKind()) {
      case CLASS: return "class";
      case INTERFACE: return "interface";
      case ENUM: return "enum";
      case ANNOTATION_TYPE: return "annotation";
      case RECORD: return "record";
      default: return element.getKind().toString().toLowerCase(Locale.ROOT);
    }
  }

  /** The record itself when its source is being compiled, else where it is used. */
  Element reportable(TypeElement record, Element usedAt) {
    return reportable(record, record, usedAt);
  }

  /** {@code inRecord} (an element of the record) when the record's source is being compiled, else where it is used. */
  Element reportable(TypeElement record, Element inRecord, Element usedAt) {
    Element outermost = record;
    while (outermost.getEnclosingElement() instanceof TypeElement) {
      outermost = outermost.getEnclosingElement();
    }
    return rootElements.contains(outermost) ? inRecord : usedAt;
  }

  /**
   * Where to report on a record component. javac 17 gives record component elements no source position
   * (JDK-8289249), but the private field it generates for each component carries the component's.
   */
  static Element position(RecordComponentElement component) {
    for (VariableElement field : ElementFilter.fieldsIn(component.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().equals(component.getSimpleName())) {
        return field;
      }
    }
    return component;
  }
}
