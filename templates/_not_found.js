// The page cannot know how deep it is, but the service worker's scope is the app's home.
if('serviceWorker' in navigator){navigator.serviceWorker.getRegistration().then(function(r){if(!r)return;var a=document.querySelector('#home-link a');a.href=r.scope;document.getElementById('home-link').hidden=false;document.getElementById('home-hint').hidden=true})}
