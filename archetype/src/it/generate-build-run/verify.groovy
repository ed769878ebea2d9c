// What the generated project's build must have produced.
def project = new File(basedir, 'todo')
assert new File(project, 'cdk.json').isFile()
assert new File(project, '.gitignore').isFile()
assert new File(project, 'src/main/java/com/example/todo/domain/TodoList.java').isFile()
assert new File(project, 'target/todo-1.0-SNAPSHOT-lambda.jar').isFile()
assert new File(project, 'target/cdk.out/manifest.json').isFile()
// stackLayout nested-with-routes: the aggregate's and the projection's nested stacks, each with its routes
def nested = new File(project, 'target/cdk.out').listFiles().findAll { it.name.endsWith('.nested.template.json') }
assert nested.size() == 2
assert nested.every { it.text.contains('AWS::ApiGatewayV2::Route') }
def reports = new File(project, 'target/surefire-reports').listFiles().findAll { it.name.endsWith('.txt') }*.name.sort()
assert reports == ['com.example.todo.domain.TodoListTest.txt', 'com.example.todo.e2e.TodoEndToEndTest.txt',
    'com.example.todo.views.TodoSummaryProjectionTest.txt']
def log = new File(basedir, 'build.log').text
assert log.contains('The local cloud serves http://localhost:')
return true
