package dev.sourced.processor.reading;

import static dev.sourced.processor.validation.Diagnostic.NO_ACCESSIBLE_CONSTRUCTOR;
import static dev.sourced.processor.validation.Diagnostic.RECORD_NOT_ACCESSIBLE;
import static dev.sourced.processor.validation.Diagnostic.TYPE_NOT_ACCESSIBLE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Whether generated code can reach a user type: records it names, classes it instantiates. */
final class TypeChecks {
  private final ElementTools tools;
  private final Set<String> recordsReported = new HashSet<>();

  TypeChecks(ElementTools tools) {
    this.tools = tools;
  }

  /** Checks that a record can be reached by generated code; reports once per record. */
  boolean checkRecord(TypeElement record, String role, Element usedAt, Reports reports) {
    if (ElementTools.isAccessible(record)) {
      return true;
    }
    if (recordsReported.add(record.getQualifiedName().toString())) {
      String found = !record.getTypeParameters().isEmpty() ? "type parameters " + record.getTypeParameters()
          : "it or an enclosing type is not public";
      reports.add(tools.reportable(record, usedAt), RECORD_NOT_ACCESSIBLE, role, record.getSimpleName(), found);
    }
    return false;
  }

  /**
   * @return whether the type is, or has among its type arguments, a record already reported as not
   *     accessible: what fails because of it need not be reported again
   */
  boolean mentionsReportedRecord(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement element = (TypeElement) tools.types.asElement(type);
    return recordsReported.contains(element.getQualifiedName().toString())
        || ((DeclaredType) type).getTypeArguments().stream().anyMatch(this::mentionsReportedRecord);
  }

  /** Aggregates, projections and query owners: generated code calls their no-arg constructor. */
  boolean checkInstantiable(TypeElement type, String role, Reports reports) {
    List<String> problems = instantiationProblems(type);
    if (!problems.isEmpty()) {
      reports.add(type, TYPE_NOT_ACCESSIBLE, role, type.getSimpleName(), String.join(", ", problems));
      return false;
    }
    boolean constructor = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    if (!constructor) {
      reports.add(type, NO_ACCESSIBLE_CONSTRUCTOR, role, type.getSimpleName(), type.getSimpleName());
      return false;
    }
    return true;
  }

  private static List<String> instantiationProblems(TypeElement type) {
    List<String> problems = new ArrayList<>();
    if (type.getKind() != ElementKind.CLASS) problems.add("a " + ElementTools.kindName(type));
    if (type.getModifiers().contains(Modifier.ABSTRACT)) problems.add("abstract");
    if (!type.getTypeParameters().isEmpty()) problems.add("type parameters " + type.getTypeParameters());
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) problems.add("an inner (non-static) class");
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) problems.add("a local class");
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        problems.add(e == type ? "not public" : "enclosed in non-public " + e.getSimpleName());
        break;
      }
    }
    return problems;
  }
}
