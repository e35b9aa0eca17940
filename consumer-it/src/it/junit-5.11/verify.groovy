// A green build is not enough: both kits' tests must have run, and passed.
def reports = new File(basedir, 'target/surefire-reports')
['com.example.consumer.AlbTestKitTest'                  : 2,
 'com.example.consumer.InMemoryUserStoreComplianceTest': 10].each { testClass, atLeast ->
    def report = new File(reports, "TEST-${testClass}.xml")
    assert report.isFile() : "no test report for ${testClass}"
    def suite = new groovy.xml.XmlSlurper().parse(report)
    assert suite.@tests.toInteger() >= atLeast : "${testClass} ran ${suite.@tests} tests"
    assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0
}
true
