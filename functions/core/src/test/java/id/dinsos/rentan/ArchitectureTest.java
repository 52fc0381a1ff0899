package id.dinsos.rentan;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules and use cases know nothing of AWS, JSON or HTTP; only the adapters do. Imports core's
 * own packages (not devkit, which shares the root package) and leaves test classes out.
 */
@AnalyzeClasses(
        packages = {"id.dinsos.rentan.domain", "id.dinsos.rentan.application", "id.dinsos.rentan.port",
                "id.dinsos.rentan.dynamodb", "id.dinsos.rentan.http", "id.dinsos.rentan.config", "id.dinsos.rentan.files"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainApplicationAndPorts_doNotDependOnFrameworksOrAdapters = noClasses()
            .that().resideInAnyPackage("..domain..", "..application..", "..port..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "software.amazon..", "com.amazonaws..", "com.fasterxml..",
                    "..dynamodb..", "..http..", "..config..");

    @ArchTest
    static final ArchRule domain_doesNotDependOnUseCasesOrPorts = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..application..", "..port..");

    @ArchTest
    static final ArchRule onlyDynamodbAndConfig_dependOnTheAwsSdk = noClasses()
            .that().resideOutsideOfPackages("..dynamodb..", "..config..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule http_doesNotReachIntoTheDynamodbAdapter = noClasses()
            .that().resideInAPackage("..http..")
            .should().dependOnClassesThat().resideInAnyPackage("..dynamodb..", "..config..");
}
